import { Text, View } from "@tarojs/components";
import { REPORT_CATEGORIES, REPORT_CATEGORY_RULES, type ReportCategory } from "@renxing/shared";
import { role } from "../../a11y";
import "./index.css";

/** A picture beside each category's name: read at a glance, no image files to download. */
export const REPORT_CATEGORY_ICON: Record<ReportCategory, string> = {
  environment: "🧹",
  facility: "🔧",
  safety_hazard: "⚠️",
  neighbour_dispute: "🤝",
  property: "🏢",
  elderly_help: "👵",
  other: "📝",
};

export const reportCategoryName = (category: ReportCategory) => REPORT_CATEGORY_RULES[category].name;

/**
 * 我要反映's first question, "what kind of problem": big buttons, two per row, each with its
 * picture and Chinese name, one chosen at a time.
 */
export function ReportCategoryButtons({ chosen, onChoose }: { chosen: ReportCategory | undefined; onChoose: (category: ReportCategory) => void }) {
  return (
    <View className="report-categories">
      {REPORT_CATEGORIES.map((category) => {
        const on = category === chosen;
        return (
          <View
            key={category}
            className={`report-category ${on ? "report-category-on" : ""}`}
            {...role("radio")}
            aria-checked={on}
            onClick={() => onChoose(category)}
          >
            <Text className="report-category-icon">{REPORT_CATEGORY_ICON[category]}</Text>
            <Text className="report-category-name">{on ? `✓${reportCategoryName(category)}` : reportCategoryName(category)}</Text>
          </View>
        );
      })}
    </View>
  );
}
