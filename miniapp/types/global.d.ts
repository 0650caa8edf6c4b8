/// <reference types="@tarojs/taro" />

declare module "*.png";
declare module "*.css";

declare namespace NodeJS {
  interface ProcessEnv {
    TARO_ENV: "weapp" | "h5";
    /** Absolute API base for the weapp build, e.g. https://volunteer.example.cn/api/v1 (see README). */
    TARO_APP_API_BASE?: string;
  }
}
