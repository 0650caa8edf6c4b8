import { Button, Text, View } from "@tarojs/components";
import Taro from "@tarojs/taro";
import { useState } from "react";
import { getToken, goToLogin } from "../../api";
import { useForm } from "../../api/use-form";
import { Field, TextBox } from "../../components/field";
import { confirmAction } from "../../components/service-ui";

/** The part of a shared body schema for one text field (CommentBody, ObjectionBody). */
interface TextSchema {
  safeParse(value: unknown): { success: true; data: { text: string } } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
}

export interface SayFormProps {
  label: string;
  placeholder: string;
  maxlength: number;
  schema: TextSchema;
  /** The confirmation: its title, and the button under the box. */
  action: string;
  confirmText: string;
  doneText: string;
  send: (body: { text: string }) => Promise<unknown>;
  onSent: () => Promise<void>;
}

/**
 * A resident's word on a topic: a comment while 两委商议, an objection while 决议公示. Checked
 * with the same shared schema the API uses, confirmed, then sent; signed out, a way to sign in.
 */
export function SayForm(props: SayFormProps) {
  const [text, setText] = useState("");
  const { errors, formError, clear, submitting, submit } = useForm<"text", { text: string }>(props.schema, {
    value: () => ({ text: text.trim() }),
    send: async (body) => {
      if (!(await confirmAction(props.action, props.confirmText, "确定"))) return;
      await props.send(body);
      setText("");
      void Taro.showToast({ title: props.doneText, icon: "none" });
      await props.onSent();
    },
    invalidMessage: "请按红字提示修改后再提交",
  });

  if (!getToken()) {
    return (
      <Button className="btn btn-secondary" onClick={goToLogin}>
        登录后{props.action}
      </Button>
    );
  }
  return (
    <View className="deliberation-say">
      <Field label={props.label} error={errors.text}>
        <TextBox value={text} maxlength={props.maxlength} placeholder={props.placeholder} invalid={Boolean(errors.text)} onInput={(value) => (setText(value), clear("text"))} />
      </Field>
      {formError ? <Text className="form-error">{formError}</Text> : null}
      <Button className={`btn btn-primary ${submitting ? "btn-busy" : ""}`} onClick={() => void submit().catch(() => undefined)}>
        {submitting ? "正在提交…" : props.action}
      </Button>
    </View>
  );
}
