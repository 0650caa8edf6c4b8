import { Button, Image, Text, View } from "@tarojs/components";
import Taro from "@tarojs/taro";
import { useState } from "react";
import { ApiError, toast } from "../../api/client";
import { useAction } from "../../api/hooks";
import { alt } from "../../a11y";
import "./index.css";

/**
 * Photos a resident adds to a form: picked with Taro.chooseImage (album or camera), each sent to
 * POST /uploads at once, so the form later sends only their URLs.
 *
 * @example
 * const photos = usePhotoUploads(reportsApi.uploadPhoto, 6);
 * <PhotoPicker photos={photos} />  …  if (photos.uploading) toast("照片还在上传，请稍等")
 */
export function usePhotoUploads(upload: (filePath: string) => Promise<string>, max: number) {
  const [urls, setUrls] = useState<string[]>([]);
  const add = useAction(async () => {
    let chosen: string[];
    try {
      const result = await Taro.chooseImage({ count: max - urls.length, sizeType: ["compressed"], sourceType: ["album", "camera"] });
      chosen = result.tempFilePaths;
    } catch {
      return; // the resident closed the picker
    }
    for (const path of chosen) {
      try {
        const url = await upload(path);
        setUrls((list) => [...list, url].slice(0, max));
      } catch (e) {
        toast(e instanceof ApiError ? e.message : "照片上传失败，请稍后再试");
        return;
      }
    }
  });
  const remove = (url: string) => setUrls((list) => list.filter((u) => u !== url));
  return { urls, max, add: () => void add.run(), remove, uploading: add.running };
}

/** The thumbnails (each with 删除) and 添加照片 while there is room. */
export function PhotoPicker({ photos }: { photos: ReturnType<typeof usePhotoUploads> }) {
  return (
    <View className="photo-picker">
      <View className="photo-picker-list">
        {photos.urls.map((url, i) => (
          <View key={url} className="photo-picker-box">
            <Image className="photo-picker-photo" src={url} mode="aspectFill" {...alt(`已选的照片 ${i + 1}`)} />
            <Button className="photo-picker-remove" onClick={() => photos.remove(url)}>
              删除
            </Button>
          </View>
        ))}
      </View>
      {photos.urls.length < photos.max ? (
        <Button className={`btn btn-secondary ${photos.uploading ? "btn-busy" : ""}`} onClick={photos.add}>
          {photos.uploading ? "正在上传照片…" : photos.urls.length === 0 ? "拍照或选照片" : "再加一张"}
        </Button>
      ) : (
        <Text className="field-hint">最多 {photos.max} 张，已经够了</Text>
      )}
    </View>
  );
}
