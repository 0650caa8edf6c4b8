import Taro from "@tarojs/taro";
import { useEffect, useState } from "react";

/**
 * 大字模式 (elder mode): larger text and buttons, one action per row, darker greys. Remembered on
 * the device (wx storage / localStorage), not on the account: it is about the eyes holding this phone.
 * The styles hang off an `elder` class (app.css). On H5 it sits on <html>, so Taro's tab bar and
 * dialogs (outside every page) grow too; WeChat has no element above a page to style, so each
 * page's root carries it as well (`pageClass`).
 */
const KEY = "renxing.elder";
let on = Taro.getStorageSync(KEY) === true;
const listeners = new Set<(on: boolean) => void>();

const mark = () => {
  if (process.env.TARO_ENV === "h5") document.documentElement.classList.toggle("elder", on);
};
mark();

export function setElder(value: boolean) {
  on = value;
  Taro.setStorageSync(KEY, value);
  mark();
  listeners.forEach((listener) => listener(value));
}

/** Whether elder mode is on; re-renders the caller (a page) when it is switched. */
export function useElder(): boolean {
  const [value, setValue] = useState(on);
  useEffect(() => {
    listeners.add(setValue);
    setValue(on);
    return () => void listeners.delete(setValue);
  }, []);
  return value;
}

/** A page root's class: `page`, the page's own, and `elder` when elder mode is on. */
export const pageClass = (own = "") => `page${own ? ` ${own}` : ""}${on ? " elder" : ""}`;
