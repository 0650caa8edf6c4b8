import { Button, Image, Text, View } from "@tarojs/components";
import { TextBox } from "../../components/field";
import Taro, { useRouter } from "@tarojs/taro";
import { FulfilWishBody } from "@renxing/shared";
import { useState } from "react";
import { ApiError, toast, useAction, useApi } from "../../api";
import { wishesApi } from "../../api/wishes";
import { EmptyState } from "../../components/empty-state";
import { PageGate } from "../../components/page-gate";
import { pageClass, useElder } from "../../elder";
import { alt } from "../../a11y";
import "../../components/form-extras/index.css";
import "./index.css";

const MAX_PHOTOS = 6;

/**
 * 完成心愿: the claimer says how it went and adds photos (Taro.chooseImage, each uploaded with
 * Taro.uploadFile to POST /uploads), then POST /wishes/:id/fulfil; the wisher confirms next.
 */
export default function WishFulfilPage() {
  useElder();
  const { params } = useRouter();
  const wishId = params.id ?? "";
  const wish = useApi(() => wishesApi.get(wishId), [wishId], Boolean(wishId));
  const [note, setNote] = useState("");
  const [photos, setPhotos] = useState<string[]>([]);
  const [noteError, setNoteError] = useState("");
  const [formError, setFormError] = useState("");

  const addPhotos = useAction(async () => {
    let chosen: string[];
    try {
      const result = await Taro.chooseImage({ count: MAX_PHOTOS - photos.length, sizeType: ["compressed"], sourceType: ["album", "camera"] });
      chosen = result.tempFilePaths;
    } catch {
      return; // the resident closed the picker
    }
    for (const path of chosen) {
      try {
        const url = await wishesApi.uploadPhoto(path);
        setPhotos((list) => [...list, url].slice(0, MAX_PHOTOS));
      } catch (e) {
        toast(e instanceof ApiError ? e.message : "照片上传失败，请稍后再试");
        return;
      }
    }
  });

  const submit = useAction(async () => {
    const parsed = FulfilWishBody.safeParse({ note: note.trim(), photoUrls: photos });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      if (issue?.path[0] === "note") setNoteError(issue.message);
      else setFormError(issue?.message ?? "请检查后再提交");
      return;
    }
    try {
      await wishesApi.fulfil(wishId, parsed.data);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      const noteDetail = e.details.find((d) => d.field === "note");
      if (noteDetail) setNoteError(noteDetail.message);
      setFormError(e.message);
      return;
    }
    await Taro.showToast({ title: "已提交，等心愿人确认", icon: "none" });
    void Taro.navigateBack();
  });

  if (!wishId) return <View className={pageClass()}><EmptyState title="没有找到这个心愿" /></View>;
  return (
    <PageGate
      load={wish}
      loadingText="正在读取心愿…"
      failedTitle="心愿没有读取成功"
    >
      {(w) => (
        <View className={pageClass("wish-fulfil")}>
          <View className="card">
            <Text className="card-title">{w.title}</Text>
            <Text className="muted">帮邻居实现了心愿？写几句完成情况，拍张照片，心愿人确认后您会得到 1 小时志愿服务时长。</Text>
          </View>

          <View className="card">
            <View className="field">
              <Text className="field-label">完成情况</Text>
              <TextBox value={note} maxlength={300} placeholder="例如：已把轮椅送到家中，并教会老人使用" invalid={Boolean(noteError)}
                onInput={(value) => (setNote(value), setNoteError(""), setFormError(""))} />
              {noteError ? <Text className="field-error">{noteError}</Text> : null}
            </View>

            <View className="field">
              <Text className="field-label">照片（最多 {MAX_PHOTOS} 张，可不传）</Text>
              <View className="wish-fulfil-photos">
                {photos.map((url, i) => (
                  <View key={url} className="wish-fulfil-photo-box">
                    <Image className="wish-fulfil-photo" src={url} mode="aspectFill" {...alt(`已选的照片 ${i + 1}`)} />
                    <Button className="wish-fulfil-remove" onClick={() => setPhotos((list) => list.filter((u) => u !== url))}>
                      删除
                    </Button>
                  </View>
                ))}
              </View>
              {photos.length < MAX_PHOTOS ? (
                <Button className={`btn btn-secondary ${addPhotos.running ? "btn-busy" : ""}`} onClick={() => void addPhotos.run()}>
                  {addPhotos.running ? "正在上传照片…" : "添加照片"}
                </Button>
              ) : null}
            </View>

            {formError ? <Text className="form-error">{formError}</Text> : null}
            <Button
              className={`btn btn-primary ${submit.running ? "btn-busy" : ""}`}
              onClick={() => void (addPhotos.running ? toast("照片还在上传，请稍等") : submit.run().catch(() => undefined))}
            >
              {submit.running ? "正在提交…" : "提交完成情况"}
            </Button>
          </View>
        </View>
      )}
    </PageGate>
  );
}
