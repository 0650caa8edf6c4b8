import { Button, Switch, Text, View } from "@tarojs/components";
import Taro from "@tarojs/taro";
import { ReportBody, type ReportCategory } from "@renxing/shared";
import { useState } from "react";
import { ApiError, api, getToken, toast, useApi } from "../../api";
import { reportsApi, type FiledReport } from "../../api/reports";
import { useForm } from "../../api/use-form";
import { ChoiceButtons } from "../../components/choice-buttons";
import { Field, TextBox, TextInput } from "../../components/field";
import { PageGate } from "../../components/page-gate";
import { PhotoPicker, usePhotoUploads } from "../../components/photo-picker";
import { ReportCategoryButtons } from "../../components/report-category";
import { askToSubscribe } from "../../notifications/subscribe";
import { pageClass, useElder } from "../../elder";
import "../../components/form-extras/index.css";
import "./index.css";

type FieldName = "category" | "description" | "building" | "photoUrls" | "gridId" | "public";

const MAX_PHOTOS = 6;
const MAX_DESCRIPTION = 1000;
// Taro's H5 chooseLocation needs a map vendor's key the app does not have: only WeChat offers it.
const CAN_CHOOSE_LOCATION = process.env.TARO_ENV === "weapp";

interface Place {
  name: string;
  lat: number;
  long: number;
}

/**
 * 我要反映 (随手拍): a resident tells the grid worker about a problem (POST /reports), checked with
 * the shared `ReportBody` first. The report goes to the resident's own grid unless they pick
 * another; a resident without one picks it when the server answers GRID_REQUIRED. Once filed, the
 * case number is shown large, to read out on the phone if need be.
 */
export default function ReportPostPage() {
  useElder();
  const signedIn = Boolean(getToken());
  const me = useApi(() => api.me(), [], signedIn);
  const [choosingGrid, setChoosingGrid] = useState(false);
  const grids = useApi(() => api.grids(), [], choosingGrid);
  const [category, setCategory] = useState<ReportCategory | undefined>();
  const [description, setDescription] = useState("");
  const [building, setBuilding] = useState("");
  const [isPublic, setPublic] = useState(false);
  const [gridId, setGridId] = useState<string | undefined>();
  const [place, setPlace] = useState<Place | undefined>();
  const [filed, setFiled] = useState<FiledReport | undefined>();
  const photos = usePhotoUploads(reportsApi.uploadPhoto, MAX_PHOTOS);

  const { errors, formError, clear, submitting, submit } = useForm<FieldName, ReportBody>(ReportBody, {
    value: () => ({
      category,
      description: description.trim(),
      building: building.trim() || undefined,
      gridId,
      lat: place?.lat,
      long: place?.long,
      photoUrls: photos.urls.length > 0 ? photos.urls : undefined,
      public: isPublic,
    }),
    send: async (body) => {
      try {
        setFiled(await reportsApi.post(body));
      } catch (e) {
        if (e instanceof ApiError && e.code === "GRID_REQUIRED") setChoosingGrid(true);
        throw e;
      }
    },
    refusal: (e) => (e.code === "GRID_REQUIRED" ? { gridId: e.message } : {}),
    invalidMessage: "请按红字提示修改后再提交",
  });

  const chooseLocation = async () => {
    try {
      const chosen = await Taro.chooseLocation({});
      setPlace({ name: chosen.name || chosen.address || "已选位置", lat: chosen.latitude, long: chosen.longitude });
    } catch (e) {
      // Closing the map is a choice, not a failure; anything else (no permission) is said kindly.
      if (!/cancel/i.test(String((e as { errMsg?: string })?.errMsg ?? ""))) toast("没有取得位置，可以不填，写清楼栋或地点就好");
    }
  };

  if (filed) {
    return (
      <View className={pageClass("report-post")}>
        <View className="card report-post-done">
          <Text className="report-post-done-title">已提交，谢谢您！</Text>
          <Text className="muted">您的诉求编号是</Text>
          <Text className="report-post-ref">{filed.ref}</Text>
          <Text className="muted report-post-done-hint">网格员受理和办结时，都会通知您。打电话询问时报这个编号就可以。</Text>
          <Button className="btn btn-primary" onClick={() => void Taro.redirectTo({ url: `/pages/report-detail/index?id=${encodeURIComponent(filed.id)}` })}>
            查看进度
          </Button>
          <Button className="btn btn-secondary" onClick={() => void Taro.switchTab({ url: "/pages/index/index" })}>
            回到首页
          </Button>
        </View>
      </View>
    );
  }

  return (
    <PageGate
      load={me}
      signedOut={{ when: !signedIn, description: "登录后可以随手拍、反映身边的问题。" }}
      loadingText="正在准备…"
      failedTitle="没有读取到您的信息"
    >
      {(profile) => (
        <View className={pageClass("report-post")}>
          <View className="card">
            <Text className="card-title">随手拍 · 我要反映</Text>
            <Text className="muted">看到环境卫生、设施损坏、安全隐患等问题，告诉网格员，社区会按时限办理并告诉您结果。</Text>
          </View>

          <View className="card">
            <Field label="是什么问题" error={errors.category}>
              <ReportCategoryButtons chosen={category} onChoose={(c) => (setCategory(c), clear("category"))} />
            </Field>

            <Field label="说说情况" error={errors.description}>
              <TextBox value={description} maxlength={MAX_DESCRIPTION} placeholder="至少10个字，例如：3号楼东侧路灯坏了一周，晚上很黑" invalid={Boolean(errors.description)}
                onInput={(value) => (setDescription(value), clear("description"))} />
              <Text className="field-hint report-post-count">{description.trim().length}/{MAX_DESCRIPTION} 字</Text>
            </Field>

            <Field label={`照片（最多 ${MAX_PHOTOS} 张，可不传）`} error={errors.photoUrls}>
              <PhotoPicker photos={photos} />
            </Field>

            <Field label="楼栋单元（可不填）" error={errors.building}>
              <TextInput value={building} maxlength={40} placeholder="例如：3号楼2单元" invalid={Boolean(errors.building)} onInput={(value) => (setBuilding(value), clear("building"))} />
            </Field>

            {CAN_CHOOSE_LOCATION ? (
              <View className="field">
                <Text className="field-label">位置（可不选）</Text>
                {place ? <Text className="field-hint report-post-place">📍 {place.name}</Text> : null}
                <Button className="btn btn-secondary" onClick={() => void chooseLocation()}>
                  {place ? "重新选择位置" : "在地图上选位置"}
                </Button>
              </View>
            ) : null}

            <Field label="交给哪个网格" error={errors.gridId}>
              {choosingGrid ? (
                <View>
                  <Text className="field-hint report-post-grid-hint">请选择问题所在的网格：</Text>
                  {grids.data ? (
                    <ChoiceButtons
                      choices={grids.data.items.map((g) => ({ value: g.id, label: g.name }))}
                      chosen={gridId ? [gridId] : []}
                      onToggle={(id) => (setGridId(id), clear("gridId"))}
                    />
                  ) : (
                    <Text className="muted">{grids.loading ? "正在读取网格…" : "网格没有读取成功，请稍后再试"}</Text>
                  )}
                </View>
              ) : (
                <View>
                  <Text className="muted report-post-grid">
                    {profile.gridName ? `交给您所在的${profile.gridName}的网格员` : "交给您所在网格的网格员"}
                  </Text>
                  <Button className="btn btn-secondary" onClick={() => setChoosingGrid(true)}>
                    问题在别的网格？选择网格
                  </Button>
                </View>
              )}
            </Field>

            <View className="field">
              <View className="report-post-public">
                <Text className="report-post-public-label">公开到诉求墙</Text>
                <Switch
                  className="report-post-switch"
                  checked={isPublic}
                  color="#b71c1c"
                  aria-label="公开到诉求墙"
                  // On H5 the switch is an <input> inside Taro's element: only nativeProps reach it.
                  nativeProps={{ "aria-label": "公开到诉求墙" }}
                  onChange={(e) => setPublic(e.detail.value)}
                />
              </View>
              <Text className="field-hint">公开后只显示问题和处理过程，不显示姓名、电话和楼栋。</Text>
            </View>

            {formError ? <Text className="form-error">{formError}</Text> : null}
            <Button
              className={`btn btn-primary ${submitting ? "btn-busy" : ""}`}
              onClick={() => {
                if (photos.uploading) return toast("照片还在上传，请稍等");
                askToSubscribe("post_report", ["report_update"]);
                void submit().catch(() => undefined);
              }}
            >
              {submitting ? "正在提交…" : "提交"}
            </Button>
          </View>
        </View>
      )}
    </PageGate>
  );
}
