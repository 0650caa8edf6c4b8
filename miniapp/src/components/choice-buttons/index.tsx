import { Text, View } from "@tarojs/components";
import "./index.css";

export interface Choice<V extends string> {
  value: V;
  label: string;
}

interface ChoiceButtonsProps<V extends string> {
  choices: readonly Choice<V>[];
  /** The chosen values (one for a single choice). */
  chosen: readonly V[];
  onToggle: (value: V) => void;
  /** Buttons per row: 2 for longer words, 3 for short ones, 5 for star ratings. */
  columns?: 2 | 3 | 5;
}

/**
 * Big, plainly marked option buttons instead of a picker wheel: easier to hit and to read for an
 * older resident. Used for wish categories, the wall's filter, skills and star ratings.
 */
export function ChoiceButtons<V extends string>({ choices, chosen, onToggle, columns = 3 }: ChoiceButtonsProps<V>) {
  return (
    <View className={`choices choices-${columns}`}>
      {choices.map((choice) => {
        const on = chosen.includes(choice.value);
        return (
          <View
            key={choice.value}
            className={`choice ${on ? "choice-on" : ""}`}
            aria-role="checkbox"
            aria-checked={on}
            onClick={() => onToggle(choice.value)}
          >
            <Text>{on ? `✓${choice.label}` : choice.label}</Text>
          </View>
        );
      })}
    </View>
  );
}
