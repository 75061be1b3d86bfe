// A file name shown to the RAO — or a job's label, which is a file name until the signer is typed —
// isolated from the text around it: a name holding bidi controls ("invoice\u202Efdp.exe.pdf") is
// shown as it is, and cannot reorder the words, colons or buttons beside it.
export { isolated } from './isolated';

export function FileName(props: { name: string; className?: string }): React.JSX.Element {
  return (
    <bdi className={props.className ?? 'filename'} dir="auto">
      {props.name}
    </bdi>
  );
}
