import Taro from "@tarojs/taro";

/**
 * Where the API lives. H5 is served by the Worker itself, so it calls its own origin. The weapp
 * build needs an absolute URL, fixed at build time: `TARO_APP_API_BASE=https://host/api/v1
 * npm run build:weapp` (or a miniapp/.env file); without one it points at `npm start` on this
 * computer, which WeChat DevTools reaches with 「不校验合法域名」 ticked.
 */
const configured = process.env.TARO_APP_API_BASE;

export const API_BASE: string =
  configured || (Taro.getEnv() === Taro.ENV_TYPE.WEB ? "/api/v1" : "http://127.0.0.1:8787/api/v1");
