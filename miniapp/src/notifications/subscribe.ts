import Taro from "@tarojs/taro";
import { SUBSCRIBE_ANSWERS, type NotificationKind, type SubscribeAnswer } from "@renxing/shared";
import { notificationsApi } from "../api/notifications";
import { getToken } from "../api/token";

type Templates = Partial<Record<NotificationKind, string>>;

const TEMPLATES_KEY = "renxing.subscribe.templates";
const LAST_MOMENT_KEY = "renxing.subscribe.lastMoment";
/** WeChat shows at most three templates in one prompt. */
const MAX_TEMPLATES_PER_PROMPT = 3;

let loadedThisLaunch = false;

/**
 * Fetches the template id of each kind (GET /me/subscriptions) once per launch into storage:
 * `askToSubscribe` runs inside a tap and WeChat only opens the prompt when no request comes first.
 */
export function loadSubscribeTemplates(): void {
  if (process.env.TARO_ENV !== "weapp" || loadedThisLaunch || !getToken()) return;
  loadedThisLaunch = true;
  notificationsApi.subscriptions().then(
    ({ templates }) => Taro.setStorageSync(TEMPLATES_KEY, templates),
    () => void (loadedThisLaunch = false),
  );
}

function storedTemplates(): Templates {
  const stored: unknown = Taro.getStorageSync(TEMPLATES_KEY);
  return typeof stored === "object" && stored !== null ? (stored as Templates) : {};
}

const isAnswer = (value: unknown): value is SubscribeAnswer => (SUBSCRIBE_ANSWERS as readonly unknown[]).includes(value);

/**
 * Asks a resident (weapp only) whether WeChat may tell them about `kinds`, at a tap where they
 * expect news, and sends the answer to POST /me/subscriptions. Call it first in the tap handler
 * (WeChat opens the prompt only from a tap) and do not wait for it: it never blocks or fails the
 * action it accompanies. The same moment twice in a row asks once: a resident posting three wishes
 * in a row is not prompted three times.
 *
 * @example onClick={() => { askToSubscribe("post_wish", ["wish_reviewed", "wish_claimed"]); void submit() }}
 */
export function askToSubscribe(moment: string, kinds: NotificationKind[]): void {
  if (process.env.TARO_ENV !== "weapp") return;
  try {
    if (!getToken() || Taro.getStorageSync(LAST_MOMENT_KEY) === moment) return;
    const templates = storedTemplates();
    const asked = kinds.filter((kind) => templates[kind]).slice(0, MAX_TEMPLATES_PER_PROMPT);
    if (asked.length === 0) {
      loadSubscribeTemplates();
      return;
    }
    Taro.setStorageSync(LAST_MOMENT_KEY, moment);
    // Taro's type also demands Alipay's entityIds; WeChat takes tmplIds alone.
    const prompt = Taro.requestSubscribeMessage({ tmplIds: asked.map((kind) => templates[kind]!) } as Taro.requestSubscribeMessage.Option);
    void Promise.resolve(prompt)
      .then((answered) => {
        // Keyed by template id: { [tmplId]: "accept" | "reject" | "ban" | "filter", errMsg }.
        const answers = answered as unknown as Record<string, unknown>;
        const results: Partial<Record<NotificationKind, SubscribeAnswer>> = {};
        for (const kind of asked) {
          const answer = answers[templates[kind]!];
          if (isAnswer(answer)) results[kind] = answer;
        }
        if (Object.keys(results).length > 0) return notificationsApi.subscribe(results);
        return undefined;
      })
      .catch(() => undefined);
  } catch {
    // Storage or the prompt failing must never stop the post, booking or application itself.
  }
}
