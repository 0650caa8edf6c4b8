export default definePageConfig({ navigationBarTitleText: "诉求进度" });
