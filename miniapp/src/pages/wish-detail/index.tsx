import { Button, Image, Text, View } from "@tarojs/components";
import { TextBox } from "../../components/field";
import Taro, { useDidShow, useRouter } from "@tarojs/taro";
import { ConfirmWishBody, WISH_CATEGORY_LABEL, type WishDetail } from "@renxing/shared";
import { useRef, useState } from "react";
import { api, getToken, goToLogin, useAction, useApi } from "../../api";
import { wishesApi } from "../../api/wishes";
import { ChoiceButtons } from "../../components/choice-buttons";
import { EmptyState } from "../../components/empty-state";
import { WishStatusTag } from "../../components/wish-status";
import { PageGate } from "../../components/page-gate";
import { beijingDate } from "../../format";
import { pageClass, useElder } from "../../elder";
import { alt } from "../../a11y";
import "../../components/form-extras/index.css";
import "./index.css";

const STARS = ["1", "2", "3", "4", "5"].map((n) => ({ value: n, label: `${n} 星` }));
const stars = (n: number) => "★".repeat(n) + "☆".repeat(5 - n);

async function confirmed(title: string, content: string, confirmText: string): Promise<boolean> {
  const { confirm } = await Taro.showModal({ title, content, confirmText, cancelText: "再想想", confirmColor: "#b71c1c" });
  return confirm;
}

/**
 * 心愿详情 (GET /wishes/:id) and what the reader may do with it: a volunteer claims (or a partner
 * representative claims for their unit), the claimer gives up or reports it done, the wisher
 * cancels or confirms completion with 1–5 stars.
 */
export default function WishDetailPage() {
  useElder();
  const { params } = useRouter();
  const wishId = params.id ?? "";
  const signedIn = Boolean(getToken());
  const wish = useApi(() => wishesApi.get(wishId), [wishId], Boolean(wishId));
  const me = useApi(() => api.me({ auth: "optional" }), [], signedIn);
  const [rating, setRating] = useState("5");
  const [thanks, setThanks] = useState("");
  const [confirmError, setConfirmError] = useState("");
  const firstShow = useRef(true);
  useDidShow(() => {
    // Back from 完成心愿: show the fulfilment.
    if (firstShow.current) firstShow.current = false;
    else void wish.reload();
  });

  const act = useAction(async (change: () => Promise<WishDetail>, done: string) => {
    const updated = await change();
    wish.setData(updated);
    void Taro.showToast({ title: done, icon: "success" });
  });
  const run = (change: () => Promise<WishDetail>, done: string) => void act.run(change, done).catch(() => void wish.reload());

  const claim = async (partnerId?: string) => {
    const who = partnerId ? `以${me.data?.partner?.name ?? "单位"}的名义` : "";
    if (!(await confirmed("认领心愿", `确定${who}认领“${wish.data?.title}”吗？认领后请尽快帮邻居实现。`, "确定认领"))) return;
    run(() => wishesApi.claim(wishId, partnerId ? { partnerId } : {}), "认领成功");
  };
  const release = async () => {
    if (!(await confirmed("放弃认领", "确定放弃认领吗？心愿会回到心愿墙，由其他人认领。", "确定放弃"))) return;
    run(() => wishesApi.release(wishId), "已放弃认领");
  };
  const cancel = async () => {
    if (!(await confirmed("取消心愿", "确定取消这个心愿吗？取消后不能恢复。", "确定取消"))) return;
    run(() => wishesApi.cancel(wishId), "心愿已取消");
  };
  const confirmDone = async () => {
    const parsed = ConfirmWishBody.safeParse({ rating: Number(rating), thanks: thanks.trim() || undefined });
    if (!parsed.success) {
      setConfirmError(parsed.error.issues[0]?.message ?? "请检查后再提交");
      return;
    }
    setConfirmError("");
    if (!(await confirmed("确认完成", `心愿已经实现了吗？确认后给志愿者打 ${rating} 星。`, "确认完成"))) return;
    run(() => wishesApi.confirm(wishId, parsed.data), "谢谢您的确认");
  };

  if (!wishId) return <View className={pageClass()}><EmptyState title="没有找到这个心愿" /></View>;
  return (
    <PageGate
      load={wish}
      loadingText="正在读取心愿…"
      failedTitle="没有找到这个心愿"
      failedDescription="心愿可能已被取消，或网络不通。"
    >
      {(w) => {
        const roles = me.data?.roles ?? [];
        const partner = roles.includes("partner") ? me.data?.partner ?? null : null;
        const busy = act.running ? "btn-busy" : "";
        const actions: JSX.Element[] = [];
        if (w.status === "open" && !w.isMine) {
          if (!signedIn) {
            actions.push(<Button key="login" className="btn btn-primary" onClick={goToLogin}>登录后认领</Button>);
          } else if (roles.includes("volunteer")) {
            actions.push(<Button key="claim" className={`btn btn-primary ${busy}`} onClick={() => void claim()}>认领这个心愿</Button>);
          }
          if (partner) {
            actions.push(
              <Button key="partner" className={`btn btn-secondary ${busy}`} onClick={() => void claim(partner.id)}>
                以{partner.name}名义认领
              </Button>,
            );
          }
          if (signedIn && me.data && !roles.includes("volunteer") && !partner) {
            actions.push(<Text key="hint" className="wish-detail-hint">加入志愿队伍成为志愿者后，就可以认领心愿。</Text>);
          }
        }
        if (w.status === "claimed" && w.isClaimedByMe) {
          actions.push(
            <Button key="fulfil" className="btn btn-primary" onClick={() => void Taro.navigateTo({ url: `/pages/wish-fulfil/index?id=${wishId}` })}>
              完成心愿
            </Button>,
            <Button key="release" className={`btn btn-secondary ${busy}`} onClick={() => void release()}>放弃认领</Button>,
          );
        }
        if (w.isMine && (w.status === "pending_review" || w.status === "open")) {
          actions.push(<Button key="cancel" className={`btn btn-secondary ${busy}`} onClick={() => void cancel()}>取消心愿</Button>);
        }
        return (
          <View className={pageClass("wish-detail")}>
            <View className="card">
              <View className="wish-detail-head">
                <Text className="wish-detail-title">{w.title}</Text>
                <WishStatusTag status={w.status} />
              </View>
              <Text className="wish-detail-story">{w.story}</Text>
              <Text className="item-card-line">类别：{WISH_CATEGORY_LABEL[w.category]}</Text>
              <Text className="item-card-line">心愿人：{w.wisherName}{w.gridName ? `（${w.gridName}）` : ""}</Text>
              {w.estimatedValueYuan != null ? <Text className="item-card-line">预估金额：{w.estimatedValueYuan} 元</Text> : null}
              <Text className="item-card-line">发布日期：{beijingDate(w.createdAt)}</Text>
              {w.claimer ? <Text className="item-card-line">认领人：{w.claimer.name}{w.isClaimedByMe ? "（您）" : ""}</Text> : null}
              {w.reviewReason && w.status === "rejected" ? <Text className="form-error wish-detail-reason">未通过原因：{w.reviewReason}</Text> : null}
            </View>

            {w.fulfilment ? (
              <View className="card">
                <Text className="card-title">完成情况</Text>
                <Text className="wish-detail-story">{w.fulfilment.note}</Text>
                <View className="wish-detail-photos">
                  {w.fulfilment.photoUrls.map((url, i) => (
                    <Image
                      key={url}
                      className="wish-detail-photo"
                      src={url}
                      mode="aspectFill"
                      {...alt(`完成照片 ${i + 1}`)}
                      onClick={() => void Taro.previewImage({ urls: w.fulfilment?.photoUrls ?? [], current: url })}
                    />
                  ))}
                </View>
                <Text className="item-card-line">完成日期：{beijingDate(w.fulfilment.fulfilledAt)}</Text>
              </View>
            ) : null}

            {w.confirmation ? (
              <View className="card">
                <Text className="card-title">心愿人的评价</Text>
                <Text className="wish-detail-stars">{stars(w.confirmation.rating)}</Text>
                {w.confirmation.thanks ? <Text className="wish-detail-story">“{w.confirmation.thanks}”</Text> : null}
              </View>
            ) : null}

            {w.isMine && w.status === "fulfilled" ? (
              <View className="card">
                <Text className="card-title">心愿实现了吗？请确认</Text>
                <Text className="field-label">给志愿者打分</Text>
                <ChoiceButtons choices={STARS} chosen={[rating]} columns={5} onToggle={setRating} />
                <Text className="field-label">感谢的话（可不填）</Text>
                <TextBox value={thanks} maxlength={200} placeholder="想对帮忙的人说点什么"
                  onInput={(value) => setThanks(value)} />
                {confirmError ? <Text className="field-error">{confirmError}</Text> : null}
                <Button className={`btn btn-primary wish-detail-confirm ${busy}`} onClick={() => void confirmDone()}>
                  确认完成
                </Button>
              </View>
            ) : null}

            {actions.length > 0 ? <View className="wish-detail-actions">{actions}</View> : null}
          </View>
        );
      }}
    </PageGate>
  );
}
