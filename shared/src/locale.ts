import { config } from "zod/mini";
import zhCN from "zod/v4/locales/zh-CN.js";

// Messages a schema does not spell out itself (wrong type, unknown key) also come in Chinese,
// on the server and in the mini-program alike. Only this one locale is bundled.
config(zhCN());
