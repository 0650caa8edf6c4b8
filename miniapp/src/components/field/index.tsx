import { Input, Text, Textarea, View } from "@tarojs/components";
// .field-textarea lives with the other form extras; whoever uses TextBox gets it.
import "../form-extras/index.css";
import type { ReactNode } from "react";

/**
 * A labelled form row: the label, the control, and what to fix when the shared schema or the
 * server refused it. Styles are the app's own (`.field*` in app.css).
 */
export function Field({ label, error, children }: { label: string; error?: string | null; children: ReactNode }) {
  return (
    <View className="field">
      <Text className="field-label">{label}</Text>
      {children}
      {error ? <Text className="field-error">{error}</Text> : null}
    </View>
  );
}

/** A one-line text box in the app's large style, with a red border while `invalid`. */
export function TextInput(props: { value: string; onInput: (value: string) => void; placeholder: string; maxlength?: number; type?: "text" | "number" | "digit"; invalid?: boolean }) {
  return (
    <Input
      className={`field-input ${props.invalid ? "field-input-invalid" : ""}`}
      type={props.type}
      value={props.value}
      maxlength={props.maxlength}
      placeholder={props.placeholder}
      placeholderClass="field-placeholder"
      onInput={(e) => props.onInput(e.detail.value)}
    />
  );
}

/** A several-line text box (a story, a note, a thank-you), same style and red border rule. */
export function TextBox(props: { value: string; onInput: (value: string) => void; placeholder: string; maxlength: number; invalid?: boolean }) {
  return (
    <Textarea
      className={`field-textarea ${props.invalid ? "field-input-invalid" : ""}`}
      value={props.value}
      maxlength={props.maxlength}
      placeholder={props.placeholder}
      placeholderClass="field-placeholder"
      onInput={(e) => props.onInput(e.detail.value)}
    />
  );
}
