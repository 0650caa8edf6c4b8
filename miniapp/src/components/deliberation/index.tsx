import { Text, View } from "@tarojs/components";
import { DELIBERATION_PATH, DELIBERATION_STAGE_LABEL, type DeliberationStage, type FundingTotals } from "@renxing/shared";
import { StatusTag, type StatusTone } from "../status-tag";
import "./index.css";

const TONE: Record<DeliberationStage, StatusTone> = {
  proposed: "waiting",
  consulting: "active",
  voting: "active",
  publicized: "active",
  adopted: "done",
  implementing: "active",
  done: "done",
  rejected: "refused",
  withdrawn: "refused",
};

/** A topic's stage in the shared Chinese label (两委商议, 决议公示, …), never colour alone. */
export function DeliberationStageTag({ stage }: { stage: DeliberationStage }) {
  return <StatusTag text={DELIBERATION_STAGE_LABEL[stage]} tone={TONE[stage]} />;
}

/** Money as residents say it: "11.4 万元" from ten thousand yuan, else "350 元" (amounts are integer fen). */
export function yuanText(fen: number): string {
  const yuan = fen / 100;
  if (yuan >= 10_000) return `${Math.round(yuan / 1000) / 10} 万元`;
  return `${Math.round(yuan * 100) / 100} 元`;
}

/** "已到账 11.4 万元 / 目标 11.4 万元，11 户参与" */
export function fundingWords(f: FundingTotals): string {
  return `已到账 ${yuanText(f.receivedFen)} / 目标 ${yuanText(f.targetFen)}，${f.contributors} 户参与`;
}

/**
 * 产权人众筹: a bar of what has been received against the target, with the same in words (the bar
 * is only a picture of the sentence), and what has been pledged so far.
 */
export function FundingBar({ funding }: { funding: FundingTotals }) {
  const percent = funding.targetFen > 0 ? Math.min(100, Math.round((funding.receivedFen / funding.targetFen) * 100)) : 0;
  return (
    <View className="funding">
      <View className="funding-track" aria-hidden>
        <View className="funding-fill" style={{ width: `${percent}%` }} />
      </View>
      <Text className="funding-words">{fundingWords(funding)}</Text>
      <Text className="funding-pledged">已认捐 {yuanText(funding.pledgedFen)}（到账 {percent}%）</Text>
    </View>
  );
}

const ENDED: Partial<Record<DeliberationStage, string>> = {
  rejected: "代表审议没有通过，这个议题到此结束。",
  withdrawn: "这个议题已经撤回，不再讨论。",
};

/**
 * Where a topic stands on its path 党组织提议 → … → 已完成, one step to a line: the ones behind it
 * ticked, the current one marked 当前 in words. A rejected or withdrawn topic says so plainly.
 */
export function DeliberationStepper({ stage }: { stage: DeliberationStage }) {
  const ended = ENDED[stage];
  if (ended) return <Text className="deliberation-ended">{ended}</Text>;
  const current = DELIBERATION_PATH.indexOf(stage as (typeof DELIBERATION_PATH)[number]);
  return (
    <View className="deliberation-steps">
      {DELIBERATION_PATH.map((step, i) => {
        // 已完成 is a finish line, not a stage in progress.
        const state = i < current || (step === "done" && i === current) ? "done" : i === current ? "current" : "todo";
        return (
          <View key={step} className={`deliberation-step deliberation-step-${state}`}>
            <View className="deliberation-step-mark">
              <Text>{state === "done" ? "✓" : String(i + 1)}</Text>
            </View>
            <Text className="deliberation-step-label">{DELIBERATION_STAGE_LABEL[step]}</Text>
            {state === "current" ? <Text className="deliberation-step-now">当前阶段</Text> : null}
          </View>
        );
      })}
    </View>
  );
}
