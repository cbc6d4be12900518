import { Fragment } from "react";
import type { Words } from "@/modules/keys/ui/key-state-words";
import { Time } from "@/components/ui/time";

/** A sentence of `Words`, its instants as `<Time>` (with their zone, full ISO on hover). */
export function WordsText({ words }: { words: Words }) {
  return (
    <>
      {words.map((w, i) => (
        <Fragment key={i}>{typeof w === "string" ? w : <Time iso={w.time} />}</Fragment>
      ))}
    </>
  );
}
