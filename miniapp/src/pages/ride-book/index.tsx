import { Button, Input, Text, Textarea, View } from "@tarojs/components";
import Taro, { useRouter } from "@tarojs/taro";
import { EXAM_KIND_LABEL, RideBookingBody } from "@renxing/shared";
import { useState } from "react";
import { getToken, goToLogin, useAction, useApi } from "../../api";
import { useForm, type FieldErrors } from "../../api/use-form";
import { ridesApi } from "../../api/rides";
import { EmptyState } from "../../components/empty-state";
import { Loading } from "../../components/loading";
import { Choices } from "../../components/service-ui";
import { dayText } from "../../format";
import { askToSubscribe } from "../../notifications/subscribe";
import { pageClass, useElder } from "../../elder";
import "./index.css";

type Field = "venueId" | "examDate" | "pickupAt" | "pickupAddress" | "studentName" | "guardianName" | "guardianPhone" | "passengers" | "notes";

// Exams start at 8:00 or 9:00 (mornings) and 14:00–15:00 (afternoons): pickups from 5:00 to 16:00.
const HOURS = Array.from({ length: 12 }, (_, i) => i + 5).map((h) => ({ value: String(h).padStart(2, "0"), label: `${h}点` }));
const MINUTES = ["00", "15", "30", "45"].map((m) => ({ value: m, label: `${m}分` }));
const PASSENGERS = [1, 2, 3].map((n) => ({ value: n, label: `${n}人` }));

interface Draft {
  venueId: string | null;
  examDate: string | null;
  hour: string | null;
  minute: string;
  pickupAddress: string;
  studentName: string;
  guardianName: string;
  guardianPhone: string;
  passengers: number;
  notes: string;
}

/**
 * 预约送考: one session's booking form. Checked with the shared `RideBookingBody` (the API's own
 * rules) before anything is sent; the pickup time is sent as Beijing time on the chosen exam day.
 */
export default function RideBookPage() {
  useElder();
  const sessionId = useRouter().params.sessionId ?? "";
  const sessions = useApi(() => ridesApi.sessions(), []);
  const session = sessions.data?.items.find((s) => s.id === sessionId);
  const [draft, setDraft] = useState<Draft>({
    venueId: null,
    examDate: null,
    hour: null,
    minute: "00",
    pickupAddress: "",
    studentName: "",
    guardianName: "",
    guardianPhone: "",
    passengers: 1,
    notes: "",
  });
  const form = useForm<Field, RideBookingBody>(RideBookingBody, {
    value: () => ({
      sessionId,
      venueId: draft.venueId ?? "",
      examDate: draft.examDate ?? "",
      pickupAt: draft.examDate && draft.hour ? `${draft.examDate}T${draft.hour}:${draft.minute}:00+08:00` : "",
      pickupAddress: draft.pickupAddress.trim(),
      studentName: draft.studentName.trim(),
      guardianName: draft.guardianName.trim(),
      guardianPhone: draft.guardianPhone.trim(),
      passengers: draft.passengers,
      notes: draft.notes.trim() || undefined,
    }),
    check: () => {
      const unchosen: FieldErrors<Field> = {};
      if (!draft.venueId) unchosen.venueId = "请选择考点";
      if (!draft.examDate) unchosen.examDate = "请选择考试日期";
      if (!draft.hour) unchosen.pickupAt = "请选择接送时间";
      return unchosen;
    },
    send: async (body) => {
      await ridesApi.book(body);
      void Taro.showToast({ title: "预约成功", icon: "success" });
      void Taro.redirectTo({ url: "/pages/ride-mine/index" });
    },
  });
  const { errors } = form;

  const set = <K extends keyof Draft>(key: K, value: Draft[K], field: Field = key as Field) => {
    setDraft((d) => ({ ...d, [key]: value }));
    form.clear(field);
  };

  const submit = useAction(async () => {
    if (!getToken()) return goToLogin();
    if ((await form.submit()) === "invalid") void Taro.showToast({ title: "请按红字提示修改", icon: "none" });
  });

  if (sessions.loading) return <View className={pageClass()}><Loading text="正在读取考试场次…" /></View>;
  if (!session) {
    return (
      <View className={pageClass()}>
        <EmptyState title="找不到这个考试场次" description="可能已经结束了，请回到爱心送考重新选择。" actionText="返回爱心送考" onAction={() => void Taro.switchTab({ url: "/pages/rides/index" })} />
      </View>
    );
  }

  const error = (field: Field) => (errors[field] ? <Text className="field-error">{errors[field]}</Text> : null);
  const input = (field: "pickupAddress" | "studentName" | "guardianName" | "guardianPhone", label: string, placeholder: string, extra: { type?: "number"; maxlength: number }) => (
    <View className="field">
      <Text className="field-label">{label}</Text>
      <Input
        className={`field-input ${errors[field] ? "field-input-invalid" : ""}`}
        type={extra.type ?? "text"}
        value={draft[field]}
        maxlength={extra.maxlength}
        placeholder={placeholder}
        placeholderClass="field-placeholder"
        onInput={(e) => set(field, e.detail.value)}
      />
      {error(field)}
    </View>
  );

  return (
    <View className={pageClass("ride-book")}>
      <View className="card">
        <Text className="card-title">
          {session.name}（{EXAM_KIND_LABEL[session.kind]}）
        </Text>
        <Text className="muted">请填写考生和接送信息，司机接单后会电话联系您。</Text>
      </View>

      <View className="card">
        <View className="field">
          <Text className="field-label">考点</Text>
          <Choices wide options={session.venues.map((v) => ({ value: v.id, label: v.name }))} value={draft.venueId} onChange={(v) => set("venueId", v)} />
          {error("venueId")}
        </View>

        <View className="field">
          <Text className="field-label">考试日期</Text>
          <Choices wide options={session.examDates.map((d) => ({ value: d, label: dayText(d) }))} value={draft.examDate} onChange={(v) => set("examDate", v, "examDate")} />
          {error("examDate")}
        </View>

        <View className="field">
          <Text className="field-label">几点来接（北京时间）</Text>
          <Choices options={HOURS} value={draft.hour} onChange={(v) => set("hour", v, "pickupAt")} />
          <Choices options={MINUTES} value={draft.minute} onChange={(v) => set("minute", v, "pickupAt")} />
          {draft.hour ? <Text className="field-hint">接送时间：{Number(draft.hour)}点{draft.minute}分</Text> : null}
          {error("pickupAt")}
        </View>

        {input("pickupAddress", "接送地址", "如：仁兴街12号楼3单元门口", { maxlength: 100 })}
        {input("studentName", "考生姓名", "请输入考生真实姓名", { maxlength: 30 })}
        {input("guardianName", "家长姓名", "请输入家长姓名", { maxlength: 30 })}
        {input("guardianPhone", "家长手机号", "请输入家长11位手机号", { type: "number", maxlength: 11 })}

        <View className="field">
          <Text className="field-label">乘车人数（含考生）</Text>
          <Choices options={PASSENGERS} value={draft.passengers} onChange={(v) => set("passengers", v)} />
          {error("passengers")}
        </View>

        <View className="field">
          <Text className="field-label">备注（可不填）</Text>
          <Textarea
            className="field-input ride-notes"
            value={draft.notes}
            maxlength={200}
            placeholder="如：考生腿脚不便，需要司机帮忙拿东西"
            placeholderClass="field-placeholder"
            onInput={(e) => set("notes", e.detail.value)}
          />
          {error("notes")}
        </View>

        <Button className={`btn btn-primary ${submit.running ? "btn-busy" : ""}`} onClick={() => {
          askToSubscribe("book_ride", ["ride_assigned", "ride_progress", "ride_reminder"]);
          void submit.run();
        }}>
          {submit.running ? "正在提交…" : "提交预约"}
        </Button>
      </View>
    </View>
  );
}
