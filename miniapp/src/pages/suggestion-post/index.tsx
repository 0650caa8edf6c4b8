import { Button, Text, View } from "@tarojs/components";
import Taro from "@tarojs/taro";
import { SuggestionBody } from "@renxing/shared";
import { useState } from "react";
import { getToken, goToLogin } from "../../api";
import { deliberationsApi } from "../../api/deliberations";
import { useForm } from "../../api/use-form";
import { EmptyState } from "../../components/empty-state";
import { Field, TextBox, TextInput } from "../../components/field";
import { confirmAction } from "../../components/service-ui";
import { pageClass, useElder } from "../../elder";
import "../../components/form-extras/index.css";

type FieldName = "title" | "text";

/**
 * 我要建议 (POST /suggestions): a resident's idea for the community to talk over, checked with the
 * shared `SuggestionBody`, confirmed, then sent; staff may make it a topic of the 议事厅, and 我的建议
 * says what became of it.
 */
export default function SuggestionPostPage() {
  useElder();
  const [title, setTitle] = useState("");
  const [text, setText] = useState("");
  const { errors, formError, clear, submitting, submit } = useForm<FieldName, SuggestionBody>(SuggestionBody, {
    value: () => ({ title: title.trim(), text: text.trim() }),
    send: async (body) => {
      if (!(await confirmAction("提交建议", `“${body.title}”会交给社区研究，确定提交吗？`, "提交"))) return;
      await deliberationsApi.suggest(body);
      await Taro.showModal({
        title: "建议已提交",
        content: "谢谢您！社区会认真研究，需要大家商量的会列为议题。进展可以在“我的建议”里查看。",
        showCancel: false,
        confirmText: "好的",
      });
      void Taro.redirectTo({ url: "/pages/my-suggestions/index" });
    },
    invalidMessage: "请按红字提示修改后再提交",
  });

  if (!getToken()) {
    return (
      <View className={pageClass()}>
        <EmptyState title="您还没有登录" description="登录后可以向社区提建议。" actionText="去登录" onAction={goToLogin} />
      </View>
    );
  }
  return (
    <View className={pageClass("suggestion-post")}>
      <View className="card">
        <Text className="card-title">给社区提个建议</Text>
        <Text className="muted">小区里有什么事想让大家一起商量？比如加装电梯、修缮外墙、增设停车位。</Text>
      </View>
      <View className="card">
        <Field label="建议标题" error={errors.title}>
          <TextInput value={title} maxlength={40} placeholder="例如：5号楼加装电梯" invalid={Boolean(errors.title)} onInput={(value) => (setTitle(value), clear("title"))} />
        </Field>
        <Field label="具体说说" error={errors.text}>
          <TextBox value={text} maxlength={1000} placeholder="至少10个字：现在有什么不便，您希望怎么做" invalid={Boolean(errors.text)} onInput={(value) => (setText(value), clear("text"))} />
        </Field>
        {formError ? <Text className="form-error">{formError}</Text> : null}
        <Button className={`btn btn-primary ${submitting ? "btn-busy" : ""}`} onClick={() => void submit().catch(() => undefined)}>
          {submitting ? "正在提交…" : "提交建议"}
        </Button>
      </View>
    </View>
  );
}
