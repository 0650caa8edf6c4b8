import { Text, View } from "@tarojs/components";
import { role } from "../../a11y";
import "./index.css";

export interface Choice<V extends string | number> {
  value: V;
  label: string;
}

interface ChoiceButtonsProps<V extends string | number> {
  choices: readonly Choice<V>[];
  /** The chosen values (one for a single choice). */
  chosen: readonly V[];
  onToggle: (value: V) => void;
  /** Buttons per row: 1 for whole lines (venues, dates), 2 for longer words, 3 for short ones, 5 for stars. */
  columns?: 1 | 2 | 3 | 5;
}

/**
 * Big, plainly marked option buttons instead of a picker wheel: easier to hit and to read for an
 * older resident. Used for wish categories, the wall's filter, skills and star ratings.
 */
export function ChoiceButtons<V extends string | number>({ choices, chosen, onToggle, columns = 3 }: ChoiceButtonsProps<V>) {
  return (
    <View className={`choices choices-${columns}${columns === 1 ? " choices-wide" : ""}`}>
      {choices.map((choice) => {
        const on = chosen.includes(choice.value);
        return (
          <View
            key={String(choice.value)}
            className={`choice ${on ? "choice-on" : ""}`}
            {...role("checkbox")}
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

/**
 * One answer out of several (a venue, a date, an hour): the same buttons, one chosen at a time.
 * `wide` puts each on its own line, for longer labels.
 */
export function Choices<V extends string | number>(props: { options: readonly Choice<V>[]; value: V | null; onChange: (value: V) => void; wide?: boolean }) {
  return <ChoiceButtons choices={props.options} chosen={props.value === null ? [] : [props.value]} onToggle={props.onChange} columns={props.wide ? 1 : 3} />;
}
