import "./locale";
export * from "./errors";
export * from "./schemas/fields";
export * from "./schemas/auth";
export * from "./schemas/me";
export * from "./schemas/community";
