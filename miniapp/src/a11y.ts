/**
 * A widget's role for both readers: WeChat's screen reader reads `aria-role`, browsers read `role`
 * (axe flags `aria-role` as an invalid aria attribute on H5). Spread it on the View:
 *
 * @example <View {...role("radio")} aria-checked={chosen} onClick={choose}>
 */
export const role = (name: "radio" | "checkbox" | "button" | "img") => (process.env.TARO_ENV === "h5" ? { role: name } : { "aria-role": name });

/**
 * A photo's words for a screen reader: WeChat reads `aria-label`; on H5 Taro's <img> sits inside
 * its own element and only `nativeProps` reach it (axe: image-alt).
 *
 * @example <Image src={url} {...alt("完成照片 1")} />
 */
export const alt = (text: string) => (process.env.TARO_ENV === "h5" ? { nativeProps: { alt: text } } : { "aria-label": text });
