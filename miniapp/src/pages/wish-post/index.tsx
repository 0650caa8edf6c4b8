import { Button, Text, View } from "@tarojs/components";
import { Field, TextBox, TextInput } from "../../components/field";
import Taro from "@tarojs/taro";
import { WISH_CATEGORIES, WISH_CATEGORY_LABEL, WishBody, type WishCategory } from "@renxing/shared";
import { useState } from "react";
import { useForm } from "../../api/use-form";
import { wishesApi } from "../../api/wishes";
import { askToSubscribe } from "../../notifications/subscribe";
import { ChoiceButtons } from "../../components/choice-buttons";
import { pageClass, useElder } from "../../elder";
import "../../components/form-extras/index.css";
import "./index.css";

type FieldName = "title" | "story" | "category" | "estimatedValueYuan";

const CATEGORY_CHOICES = WISH_CATEGORIES.map((c) => ({ value: c, label: WISH_CATEGORY_LABEL[c] }));

/**
 * 发布心愿: the wish form, checked with the shared `WishBody` schema before POST /wishes. A new
 * wish waits for the community's review before it appears on the wall.
 */
export default function WishPostPage() {
  useElder();
  const [title, setTitle] = useState("");
  const [story, setStory] = useState("");
  const [category, setCategory] = useState<WishCategory | undefined>();
  const [value, setValue] = useState("");
  const { errors, formError, clear, submitting, submit } = useForm<FieldName, WishBody>(WishBody, {
    value: () => ({
      title: title.trim(),
      story: story.trim(),
      category,
      estimatedValueYuan: value.trim() === "" ? undefined : Number(value.trim()),
    }),
    send: async (body) => {
      await wishesApi.post(body);
      await Taro.showToast({ title: "已提交，等待审核", icon: "none" });
      void Taro.redirectTo({ url: "/pages/my-wishes/index" });
    },
    invalidMessage: "请按红字提示修改后再提交",
  });

  return (
    <View className={pageClass("wish-post")}>
      <View className="card">
        <Text className="card-title">发布一个小心愿</Text>
        <Text className="muted">社区审核通过后，心愿会出现在心愿墙上。墙上只显示您的姓氏，不显示电话。</Text>
      </View>

      <View className="card">
        <Field label="心愿标题" error={errors.title}>
          <TextInput value={title} maxlength={40} placeholder="例如：想要一台收音机" invalid={Boolean(errors.title)} onInput={(value) => (setTitle(value), clear("title"))} />
        </Field>

        <Field label="心愿类别" error={errors.category}>
          <ChoiceButtons choices={CATEGORY_CHOICES} chosen={category ? [category] : []} onToggle={(c) => (setCategory(c), clear("category"))} />
        </Field>

        <Field label="说说心愿的来由" error={errors.story}>
          <TextBox value={story} maxlength={500} placeholder="至少10个字，例如为什么需要、用来做什么" invalid={Boolean(errors.story)}
            onInput={(value) => (setStory(value), clear("story"))} />
        </Field>

        <Field label="大约多少钱（元，可不填）" error={errors.estimatedValueYuan}>
          <TextInput value={value} maxlength={4} placeholder="例如：50" type="number" invalid={Boolean(errors.estimatedValueYuan)} onInput={(value) => (setValue(value), clear("estimatedValueYuan"))} />
        </Field>

        {formError ? <Text className="form-error">{formError}</Text> : null}
        <Button className={`btn btn-primary ${submitting ? "btn-busy" : ""}`} onClick={() => {
          askToSubscribe("post_wish", ["wish_reviewed", "wish_claimed", "wish_fulfilled"]);
          void submit().catch(() => undefined);
        }}>
          {submitting ? "正在提交…" : "提交心愿"}
        </Button>
      </View>
    </View>
  );
}
