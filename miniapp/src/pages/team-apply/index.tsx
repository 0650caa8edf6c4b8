import { Button, Text, View } from "@tarojs/components";
import { Field, TextBox, TextInput } from "../../components/field";
import Taro, { useRouter } from "@tarojs/taro";
import { TeamApplicationBody } from "@renxing/shared";
import { useEffect, useState } from "react";
import { api, useApi } from "../../api";
import { useForm } from "../../api/use-form";
import { teamsApi } from "../../api/teams";
import { ChoiceButtons } from "../../components/choice-buttons";
import { EmptyState } from "../../components/empty-state";
import { Loading } from "../../components/loading";
import { teamEligibility } from "../../format";
import { askToSubscribe } from "../../notifications/subscribe";
import { pageClass, useElder } from "../../elder";
import "../../components/form-extras/index.css";
import "./index.css";

type FieldName = "realName" | "phone" | "birthYear" | "skills" | "availability" | "motivation";

const SKILLS = ["陪伴聊天", "文艺表演", "教育辅导", "医疗护理", "维修家电", "开车接送", "手机电脑", "理发", "摄影", "环境清洁"] as const;
const SKILL_CHOICES = SKILLS.map((s) => ({ value: s, label: s }));
const TIMES = ["工作日白天", "工作日晚上", "周末", "随时都可以"] as const;
const TIME_CHOICES = TIMES.map((s) => ({ value: s, label: s }));

/**
 * 申请加入: the application form, prefilled from the profile (GET /me), checked with the shared
 * `TeamApplicationBody` schema before POST /teams/:id/applications. The server's refusals
 * (not eligible, already applied) are shown on the form in its own words.
 */
export default function TeamApplyPage() {
  useElder();
  const { params } = useRouter();
  const teamId = params.id ?? "";
  const team = useApi(() => teamsApi.get(teamId), [teamId], Boolean(teamId));
  const me = useApi(() => api.me(), []);
  const [realName, setRealName] = useState("");
  const [phone, setPhone] = useState("");
  const [birthYear, setBirthYear] = useState("");
  const [skills, setSkills] = useState<string[]>([]);
  const [times, setTimes] = useState<string[]>([]);
  const [motivation, setMotivation] = useState("");

  useEffect(() => {
    if (!me.data) return;
    setRealName((v) => v || (me.data?.realName ?? ""));
    setPhone((v) => v || (me.data?.phone ?? ""));
  }, [me.data]);

  const toggle = (list: string[], value: string) => (list.includes(value) ? list.filter((v) => v !== value) : [...list, value]);

  const { errors, formError, clear, submitting, submit } = useForm<FieldName, TeamApplicationBody>(TeamApplicationBody, {
    value: () => ({
      realName: realName.trim(),
      phone: phone.trim(),
      birthYear: birthYear.trim() === "" ? undefined : Number(birthYear.trim()),
      skills,
      availability: times.join("、"),
      motivation: motivation.trim(),
    }),
    send: async (body) => {
      await teamsApi.apply(teamId, body);
      await Taro.showToast({ title: "申请已提交", icon: "success" });
      void Taro.redirectTo({ url: "/pages/my-applications/index" });
    },
    invalidMessage: "请按红字提示修改后再提交",
    refusal: (e) => (e.code === "NOT_ELIGIBLE" ? { birthYear: e.message } : {}),
  });

  if (!teamId) return <View className={pageClass()}><EmptyState title="没有找到这支队伍" /></View>;
  if ((team.loading && !team.data) || (me.loading && !me.data)) return <View className={pageClass()}><Loading text="正在准备申请表…" /></View>;
  if (!team.data || !me.data) {
    return (
      <View className={pageClass()}>
        <EmptyState title="申请表没有打开" description="请检查网络后重试。" actionText="重试" onAction={() => void Promise.all([team.reload(), me.reload()])} />
      </View>
    );
  }

  return (
    <View className={pageClass("team-apply")}>
      <View className="card">
        <Text className="card-title">申请加入{team.data.name}</Text>
        <Text className="muted">{teamEligibility(team.data.minBirthYear, team.data.maxBirthYear)}。填好后社区会尽快审核。</Text>
      </View>

      <View className="card">
        <Field label="真实姓名" error={errors.realName}>
          <TextInput value={realName} maxlength={30} placeholder="请输入真实姓名" invalid={Boolean(errors.realName)} onInput={(value) => (setRealName(value), clear("realName"))} />
        </Field>

        <Field label="手机号" error={errors.phone}>
          <TextInput value={phone} maxlength={11} placeholder="请输入11位手机号" type="number" invalid={Boolean(errors.phone)} onInput={(value) => (setPhone(value), clear("phone"))} />
        </Field>

        <Field label="出生年份" error={errors.birthYear}>
          <TextInput value={birthYear} maxlength={4} placeholder="例如：1958" type="number" invalid={Boolean(errors.birthYear)} onInput={(value) => (setBirthYear(value), clear("birthYear"))} />
        </Field>

        <Field label="特长（可多选，也可不选）" error={errors.skills}>
          <ChoiceButtons choices={SKILL_CHOICES} chosen={skills} columns={2} onToggle={(v) => (setSkills((s) => toggle(s, v)), clear("skills"))} />
        </Field>

        <Field label="什么时候方便服务（可多选）" error={errors.availability}>
          <ChoiceButtons choices={TIME_CHOICES} chosen={times} columns={2} onToggle={(v) => (setTimes((s) => toggle(s, v)), clear("availability"))} />
        </Field>

        <Field label="为什么想加入（可不填）" error={errors.motivation}>
          <TextBox value={motivation} maxlength={300} placeholder="说说您的想法" invalid={Boolean(errors.motivation)}
            onInput={(value) => (setMotivation(value), clear("motivation"))} />
        </Field>

        {formError ? <Text className="form-error">{formError}</Text> : null}
        <Button className={`btn btn-primary ${submitting ? "btn-busy" : ""}`} onClick={() => {
          askToSubscribe("apply_team", ["application_decided"]);
          void submit().catch(() => undefined);
        }}>
          {submitting ? "正在提交…" : "提交申请"}
        </Button>
      </View>
    </View>
  );
}
