import { Button, Text, View } from "@tarojs/components";
import Taro, { useRouter } from "@tarojs/taro";
import { VISIT_FLAGS, VISIT_FLAG_LABEL, VISIT_OUTCOMES, VISIT_OUTCOME_LABEL, VisitBody, type VisitFlag, type VisitOutcome } from "@renxing/shared";
import { useState } from "react";
import { careApi } from "../../api/care";
import { useForm } from "../../api/use-form";
import { ChoiceButtons } from "../../components/choice-buttons";
import { EmptyState } from "../../components/empty-state";
import { Field, TextBox, TextInput } from "../../components/field";
import { confirmAction } from "../../components/service-ui";
import { beijingIsoDay, clockText } from "../../format";
import "../../components/form-extras/index.css";
import { pageClass, useElder } from "../../elder";
import "./index.css";

type FieldName = "outcome" | "flags" | "minutes" | "note" | "visitedAt";

const HOUR_MS = 60 * 60 * 1000;
const OUTCOME_CHOICES = VISIT_OUTCOMES.map((o) => ({ value: o, label: VISIT_OUTCOME_LABEL[o] }));
const FLAG_CHOICES = VISIT_FLAGS.map((f) => ({ value: f, label: VISIT_FLAG_LABEL[f] }));
const MINUTE_CHOICES = [15, 30, 60].map((m) => ({ value: m, label: `${m} 分钟` }));
/** "Earlier today": hours before the page opened, offered only while still the same Beijing day. */
const EARLIER = [
  { value: 0, label: "刚刚" },
  { value: 1, label: "约1小时前" },
  { value: 3, label: "约3小时前" },
];

/**
 * 记录走访 (POST /care/:recipientId/visits): four big outcome buttons, the worries seen (any
 * outcome), how long, a note; checked with the shared `VisitBody`, confirmed, then sent. A knock
 * with no answer or any worry reaches the grid worker at once, and the volunteer is told so.
 */
export default function CareVisitPage() {
  useElder();
  const { params } = useRouter();
  const recipientId = params.id ?? "";
  const name = decodeURIComponent(params.name ?? "") || "老人";
  // The visit's moment is fixed when the page opens: a resend after a network failure carries the
  // same visitedAt, which the server treats as the same visit (credited once).
  const [openedAt] = useState(() => Date.now());
  const [outcome, setOutcome] = useState<VisitOutcome | undefined>();
  const [flags, setFlags] = useState<VisitFlag[]>([]);
  const [minutes, setMinutes] = useState("30");
  const [note, setNote] = useState("");
  const [hoursAgo, setHoursAgo] = useState(0);
  const earlier = EARLIER.filter((e) => beijingIsoDay(new Date(openedAt - e.value * HOUR_MS).toISOString()) === beijingIsoDay(new Date(openedAt).toISOString()));

  const toggleFlag = (flag: VisitFlag) => setFlags((now) => (now.includes(flag) ? now.filter((f) => f !== flag) : [...now, flag]));

  const { errors, formError, clear, submitting, submit } = useForm<FieldName, VisitBody>(VisitBody, {
    value: () => ({
      visitedAt: new Date(openedAt - hoursAgo * HOUR_MS).toISOString(),
      minutes: minutes.trim() === "" ? undefined : Number(minutes.trim()),
      outcome,
      flags,
      note: note.trim() || undefined,
    }),
    send: async (body) => {
      const worries = body.flags.map((f) => VISIT_FLAG_LABEL[f]).join("、");
      const summary = `${VISIT_OUTCOME_LABEL[body.outcome]}，${body.minutes} 分钟${worries ? `；情况：${worries}` : ""}。`;
      if (!(await confirmAction("提交走访记录", `${name}：${summary}确定提交吗？`, "提交"))) return;
      await careApi.recordVisit(recipientId, body);
      const told = body.outcome === "no_answer" || body.flags.length > 0;
      await Taro.showModal({
        title: "已记录走访",
        content: told ? "谢谢您！已通知网格员，社区会尽快跟进。" : "谢谢您！下次走访的日期已经更新。",
        showCancel: false,
        confirmText: "好的",
      });
      // Back to 我的结对, which reloads on show with the new next due date.
      if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
      else void Taro.redirectTo({ url: "/pages/my-care/index" });
    },
    invalidMessage: "请按红字提示修改后再提交",
  });

  if (!recipientId) return <View className={pageClass()}><EmptyState title="没有找到这位老人" /></View>;
  return (
    <View className={pageClass("care-visit")}>
      <View className="card">
        <Text className="card-title">走访 {name}</Text>
        <Text className="muted">如实记录就好。敲门无人应或发现下面的情况，网格员会马上收到。</Text>
      </View>

      <View className="card">
        <Field label="这次走访怎么样" error={errors.outcome}>
          <View className="care-visit-outcomes">
            <ChoiceButtons choices={OUTCOME_CHOICES} chosen={outcome ? [outcome] : []} onToggle={(o) => (setOutcome(o), clear("outcome"))} columns={2} />
          </View>
        </Field>

        <Field label="发现的情况（可多选，没有就不选）" error={errors.flags}>
          <ChoiceButtons choices={FLAG_CHOICES} chosen={flags} onToggle={(f) => (toggleFlag(f), clear("flags"))} columns={2} />
        </Field>

        <Field label="走访用了多少分钟" error={errors.minutes}>
          <ChoiceButtons choices={MINUTE_CHOICES} chosen={[Number(minutes)]} onToggle={(m) => (setMinutes(String(m)), clear("minutes"))} />
          <View className="care-visit-minutes">
            <TextInput value={minutes} maxlength={3} type="number" placeholder="其他时长，例如：45" invalid={Boolean(errors.minutes)} onInput={(value) => (setMinutes(value), clear("minutes"))} />
          </View>
        </Field>

        {earlier.length > 1 ? (
          <Field label="什么时候走访的" error={errors.visitedAt}>
            <ChoiceButtons choices={earlier} chosen={[hoursAgo]} onToggle={(h) => (setHoursAgo(h), clear("visitedAt"))} />
            <Text className="field-hint">记为今天 {clockText(new Date(openedAt - hoursAgo * HOUR_MS).toISOString())}</Text>
          </Field>
        ) : null}

        <Field label="备注（可不填）" error={errors.note}>
          <TextBox value={note} maxlength={500} placeholder="例如：老人说腿疼，已提醒家属" invalid={Boolean(errors.note)} onInput={(value) => (setNote(value), clear("note"))} />
        </Field>

        {formError ? <Text className="form-error">{formError}</Text> : null}
        <Button className={`btn btn-primary ${submitting ? "btn-busy" : ""}`} onClick={() => void submit().catch(() => undefined)}>
          {submitting ? "正在提交…" : "提交走访记录"}
        </Button>
      </View>
    </View>
  );
}
