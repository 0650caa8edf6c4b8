export default definePageConfig({ navigationBarTitleText: "可接订单" });
