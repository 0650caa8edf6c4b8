import { Button, Input, Text, View } from "@tarojs/components";
import Taro, { useDidShow, useRouter } from "@tarojs/taro";
import { CheckInBody, SIGNUP_STATUS_LABEL, checkInWindow, parseCheckInQr, type CheckInWindow, type Task } from "@renxing/shared";
import { useRef, useState } from "react";
import { ApiError, getToken, goToLogin, useAction, useApi } from "../../api";
import { tasksApi } from "../../api/tasks";
import { InfoRow, StatusBadge, confirmAction } from "../../components/service-ui";
import { PageGate } from "../../components/page-gate";
import { clockText, dayClockText, durationText } from "../../format";
import { askToSubscribe } from "../../notifications/subscribe";
import { pageClass, useElder } from "../../elder";
import "./index.css";

const canScan = process.env.TARO_ENV === "weapp";

/** The same check-in window the API enforces. */
const checkInWindowOf = (task: Task, now = Date.now()): CheckInWindow =>
  checkInWindow({ startsAt: Date.parse(task.startsAt), endsAt: Date.parse(task.endsAt) }, now);

/** 任务详情: what, when, where; 报名 / 取消报名; on the day 签到 with the organiser's code, then 签退. */
export default function TaskDetailPage() {
  useElder();
  const taskId = useRouter().params.id ?? "";
  const task = useApi(() => tasksApi.get(taskId), [taskId]);
  const [code, setCode] = useState("");
  const [codeError, setCodeError] = useState<string>();
  const firstShow = useRef(true);
  useDidShow(() => {
    if (!firstShow.current) void task.reload();
    firstShow.current = false;
  });

  const signUp = useAction(async () => {
    if (!getToken()) return goToLogin();
    try {
      await tasksApi.signUp(taskId);
      void Taro.showToast({ title: "报名成功", icon: "success" });
    } finally {
      await task.reload();
    }
  });

  const withdraw = useAction(async () => {
    if (!(await confirmAction("取消报名", "确定不参加这个任务了吗？名额会让给其他志愿者。", "取消报名"))) return;
    try {
      await tasksApi.withdraw(taskId);
      void Taro.showToast({ title: "已取消报名", icon: "none" });
    } finally {
      await task.reload();
    }
  });

  const checkIn = useAction(async (typed: string) => {
    const parsed = CheckInBody.safeParse({ code: typed });
    if (!parsed.success) {
      setCodeError(parsed.error.issues[0]?.message);
      return;
    }
    setCodeError(undefined);
    try {
      await tasksApi.checkIn(taskId, parsed.data);
      void Taro.showToast({ title: "签到成功", icon: "success" });
      setCode("");
      await task.reload();
    } catch (e) {
      setCodeError(e instanceof ApiError ? e.message : "签到没有成功，请再试一次");
    }
  });

  const scan = async () => {
    let text: string;
    try {
      text = (await Taro.scanCode({ onlyFromCamera: true, scanType: ["qrCode"] })).result;
    } catch {
      return; // closed the camera
    }
    const found = parseCheckInQr(text);
    if (!found) return setCodeError("这不是签到二维码，请扫组织者出示的二维码");
    if (found.taskId !== taskId) return setCodeError("这是其他任务的签到二维码");
    setCode(found.code);
    void checkIn.run(found.code);
  };

  const checkOut = useAction(async () => {
    if (!(await confirmAction("签退", "服务结束了吗？签退后会记入您的志愿服务时长。", "签退"))) return;
    try {
      const result = await tasksApi.checkOut(taskId);
      void Taro.showToast({ title: `已签退，记入${durationText(result.creditedMinutes)}`, icon: "none" });
    } finally {
      await task.reload();
    }
  });

  return (
    <PageGate
      load={task}
      loadingText="正在读取任务…"
      failedTitle="任务没有读取成功"
      failedDescription="任务可能已被删除，或者网络不好。"
    >
      {(t) => {
        const left = Math.max(0, t.capacity - t.signedUpCount);
        const mine = t.mySignup && t.mySignup.status !== "withdrawn" ? t.mySignup : null;
        const phase = checkInWindowOf(t);
        return (
          <View className={pageClass("task-detail")}>
            <View className="card">
              <View className="card-head">
                <Text className="card-title">{t.title}</Text>
                {mine ? <StatusBadge text={SIGNUP_STATUS_LABEL[mine.status]} tone="done" /> : null}
              </View>
              <InfoRow label="时间" value={`${dayClockText(t.startsAt)} 至 ${clockText(t.endsAt)}`} />
              <InfoRow label="地点" value={t.location} />
              <InfoRow label="名额" value={`共${t.capacity}人，还剩${left}人`} />
              {t.teamName ? <InfoRow label="限" value={`${t.teamName}队员报名`} /> : null}
              <Text className="task-description">{t.description}</Text>
            </View>

            {!mine ? (
              <View className="card">
                {phase === "over" ? (
                  <Text className="task-note">这个任务已经结束了。</Text>
                ) : left === 0 ? (
                  <Text className="task-note">名额已满，下次早点报名哦。</Text>
                ) : (
                  <Button className={`btn btn-primary ${signUp.running ? "btn-busy" : ""}`} onClick={() => {
                    askToSubscribe("sign_up_task", ["task_reminder"]);
                    void signUp.run();
                  }}>
                    {signUp.running ? "正在报名…" : "报名"}
                  </Button>
                )}
              </View>
            ) : mine.status === "signed_up" ? (
              <View className="card">
                <Text className="card-title">签到</Text>
                {phase === "early" ? (
                  <Text className="task-note">任务开始前30分钟可以签到，请到时到现场向组织者要签到码。</Text>
                ) : phase === "over" ? (
                  <Text className="task-note">任务已经结束，不能再签到了。</Text>
                ) : (
                  <View>
                    <View className="field">
                      <Text className="field-label">签到码（向组织者要）</Text>
                      <Input
                        className={`field-input task-code ${codeError ? "field-input-invalid" : ""}`}
                        type="number"
                        value={code}
                        maxlength={6}
                        placeholder="请输入6位签到码"
                        placeholderClass="field-placeholder"
                        onInput={(e) => {
                          setCode(e.detail.value);
                          setCodeError(undefined);
                        }}
                      />
                      {codeError ? <Text className="field-error">{codeError}</Text> : null}
                    </View>
                    <Button className={`btn btn-primary ${checkIn.running ? "btn-busy" : ""}`} onClick={() => void checkIn.run(code)}>
                      {checkIn.running ? "正在签到…" : "签到"}
                    </Button>
                    {canScan ? (
                      <Button className="btn btn-secondary" onClick={() => void scan()}>
                        扫码签到
                      </Button>
                    ) : null}
                  </View>
                )}
                <View className="card-actions">
                  <Button className={`btn btn-secondary ${withdraw.running ? "btn-busy" : ""}`} onClick={() => void withdraw.run()}>
                    取消报名
                  </Button>
                </View>
              </View>
            ) : mine.status === "checked_in" ? (
              <View className="card">
                <Text className="card-title">服务中</Text>
                <Text className="task-note">您已签到。服务结束时请点签退，时长从签到算起。</Text>
                <Button className={`btn btn-primary ${checkOut.running ? "btn-busy" : ""}`} onClick={() => void checkOut.run()}>
                  {checkOut.running ? "正在签退…" : "签退"}
                </Button>
              </View>
            ) : (
              <View className="card">
                <Text className="card-title">已签退，谢谢您！</Text>
                <Text className="task-note">这次记入志愿服务时长 {durationText(mine.creditedMinutes ?? 0)}。</Text>
                <Button className="btn btn-secondary" onClick={() => void Taro.navigateTo({ url: "/pages/my-hours/index" })}>
                  查看我的服务时长
                </Button>
              </View>
            )}
          </View>
        );
      }}
    </PageGate>
  );
}
