// A file name shown to the RAO — or a job's label, which is a file name until the signer is typed —
// isolated from the text around it: a name holding bidi controls ("invoice\u202Efdp.exe.pdf") is
// shown as it is, and cannot reorder the words, colons or buttons beside it.
export function FileName(props: { name: string; className?: string }): React.JSX.Element {
  return (
    <bdi className={props.className ?? 'filename'} dir="auto">
      {props.name}
    </bdi>
  );
}

/**
 * The same isolation for a name inside a translated sentence, an attribute or an <option>, where
 * no element can go: first-strong isolate (U+2068) … pop directional isolate (U+2069).
 */
export const isolated = (name: string): string => `\u2068${name}\u2069`;
