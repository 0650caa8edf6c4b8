export default definePageConfig({ navigationBarTitleText: "仁兴社区志愿服务" });
