export default definePageConfig({ navigationBarTitleText: "司机登记" });
