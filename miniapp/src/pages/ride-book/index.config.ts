export default definePageConfig({ navigationBarTitleText: "预约送考" });
