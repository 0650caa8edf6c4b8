import { Button, Image, Text, View } from "@tarojs/components";
import Taro from "@tarojs/taro";
import { DELIBERATION_STAGE_LABEL, shanghaiDate, type DeliberationDetail } from "@renxing/shared";
import { useState } from "react";
import { useAction, useApi } from "../../api";
import { deliberationsApi, type DeliberationComment } from "../../api/deliberations";
import { beijingDate, clockText } from "../../format";
import { alt } from "../../a11y";

const DAY_MS = 24 * 60 * 60 * 1000;
const when = (iso: string) => `${beijingDate(iso)} ${clockText(iso)}`;
/** Minutes longer than this start folded: five meetings' minutes in full would bury the rest. */
const FOLD_AT = 80;

/** "12月5日", the Beijing date of an instant. */
function monthDay(iso: string): string {
  const [, month, day] = shanghaiDate(Date.parse(iso)).split("-").map(Number);
  return `${month}月${day}日`;
}

/** "公示至 12月5日，还剩 3 天", or that the period is over (the community then announces the resolution). */
export function publicityWords(until: string, now = Date.now()): string {
  const left = Math.ceil((Date.parse(until) - now) / DAY_MS);
  return left > 0 ? `公示至 ${monthDay(until)}，还剩 ${left} 天` : `公示至 ${monthDay(until)}，公示期已满`;
}

export function Timeline({ entries }: { entries: DeliberationDetail["timeline"] }) {
  if (entries.length === 0) return <Text className="muted">还没有记录。</Text>;
  return (
    <View>
      {entries.map((e, i) => (
        <View key={`${e.at}-${i}`} className="deliberation-entry">
          <Text className="deliberation-entry-head">{DELIBERATION_STAGE_LABEL[e.stage]}</Text>
          <Text className="deliberation-entry-time">{when(e.at)}</Text>
          {e.note ? <Text className="deliberation-entry-text">{e.note}</Text> : null}
        </View>
      ))}
    </View>
  );
}

function Meeting({ meeting: m, index }: { meeting: DeliberationDetail["meetings"][number]; index: number }) {
  const long = m.minutes.length > FOLD_AT;
  const [open, setOpen] = useState(false);
  return (
    <View className="deliberation-entry">
      <Text className="deliberation-entry-head">第 {index + 1} 次协商会</Text>
      <Text className="deliberation-entry-time">{when(m.heldAt)} · {m.place}</Text>
      <Text className="item-card-line">参会：{m.attendees.join("、")}</Text>
      <Text className="deliberation-entry-text">纪要：{long && !open ? `${m.minutes.slice(0, FOLD_AT)}…` : m.minutes}</Text>
      {long ? (
        <Button className="btn btn-secondary deliberation-fold" onClick={() => setOpen(!open)}>
          {open ? "收起纪要" : "展开全部纪要"}
        </Button>
      ) : null}
    </View>
  );
}

export function Meetings({ meetings }: { meetings: DeliberationDetail["meetings"] }) {
  return (
    <View className="card">
      <Text className="card-title">协商会（{meetings.length} 次）</Text>
      {meetings.map((m, i) => (
        <Meeting key={m.id} meeting={m} index={i} />
      ))}
    </View>
  );
}

/** 居民意见: the newest first, by nickname only, with 加载更多. `version` reloads it after a new comment. */
export function Comments({ topicId, count, version }: { topicId: string; count: number; version: number }) {
  const first = useApi(() => deliberationsApi.comments(topicId), [topicId, version], count > 0);
  const [more, setMore] = useState<{ items: DeliberationComment[]; nextCursor: string | null } | null>(null);
  const cursor = more ? more.nextCursor : first.data?.nextCursor ?? null;
  const loadMore = useAction(async () => {
    if (!cursor) return;
    const page = await deliberationsApi.comments(topicId, cursor);
    setMore((m) => ({ items: [...(m?.items ?? []), ...page.items], nextCursor: page.nextCursor ?? null }));
  });
  if (count === 0) return <Text className="muted">还没有居民发表意见。</Text>;
  if (!first.data) return <Text className="muted">{first.loading ? "正在读取意见…" : "意见没有读取成功，请下拉刷新。"}</Text>;
  return (
    <View>
      {[...first.data.items, ...(more?.items ?? [])].map((c) => (
        <View key={c.id} className="deliberation-entry">
          <Text className="deliberation-entry-head">{c.nickname}</Text>
          <Text className="deliberation-entry-time">{when(c.createdAt)}</Text>
          <Text className="deliberation-entry-text">{c.text}</Text>
        </View>
      ))}
      {cursor ? (
        <Button className={`btn btn-secondary ${loadMore.running ? "btn-busy" : ""}`} onClick={() => void loadMore.run().catch(() => undefined)}>
          {loadMore.running ? "正在加载…" : "更多意见"}
        </Button>
      ) : null}
    </View>
  );
}

export function TallyCard({ tally }: { tally: NonNullable<DeliberationDetail["tally"]> }) {
  const cast = tally.approve + tally.reject + tally.abstain;
  return (
    <View className="card">
      <Text className="card-title">代表表决结果</Text>
      <Text className={`deliberation-result ${tally.passed ? "deliberation-result-passed" : ""}`}>{tally.passed ? "表决通过" : "表决未通过"}</Text>
      <Text className="deliberation-entry-text">
        同意 {tally.approve} 票，反对 {tally.reject} 票，弃权 {tally.abstain} 票
      </Text>
      <Text className="item-card-line">
        居民代表 {tally.representatives} 人，参加投票 {cast} 人
      </Text>
      <Text className="item-card-line">规则：三分之二以上代表参加投票，且过半数同意，才算通过。</Text>
    </View>
  );
}

export function Objections({ objections }: { objections: DeliberationDetail["objections"] }) {
  if (objections.length === 0) return <Text className="muted">公示期间还没有居民提出异议。</Text>;
  return (
    <View>
      {objections.map((o, i) => (
        <View key={o.id} className="deliberation-entry">
          <Text className="deliberation-entry-head">异议 {i + 1}</Text>
          <Text className="deliberation-entry-time">{when(o.createdAt)}</Text>
          <Text className="deliberation-entry-text">{o.text ?? "（这条异议正在核实，社区答复后一并公开）"}</Text>
          {o.answer ? (
            <Text className="deliberation-answer">社区答复：{o.answer}</Text>
          ) : (
            <Text className="deliberation-waiting">等待社区答复</Text>
          )}
        </View>
      ))}
    </View>
  );
}

export function Progress({ updates }: { updates: DeliberationDetail["progress"] }) {
  return (
    <View className="card">
      <Text className="card-title">实施进展</Text>
      {updates.map((u) => (
        <View key={u.id} className="deliberation-entry">
          <Text className="deliberation-entry-time">{when(u.at)}</Text>
          <Text className="deliberation-entry-text">{u.note}</Text>
          {u.photoUrls.length > 0 ? (
            <View className="deliberation-photos">
              {u.photoUrls.map((url, i) => (
                <Image key={url} className="deliberation-photo" src={url} mode="aspectFill" {...alt(`进展照片 ${i + 1}`)} onClick={() => void Taro.previewImage({ urls: u.photoUrls, current: url })} />
              ))}
            </View>
          ) : null}
        </View>
      ))}
    </View>
  );
}
