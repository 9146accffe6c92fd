/** The texts of this page the reviewer dismissed (here or earlier on the site), with an undo. */
export function DismissedOnPage(props: { count: number; onRestore: () => void }) {
  return (
    <p className="row">
      {props.count === 1
        ? '1 dismissed text on this page.'
        : `${props.count.toLocaleString('en')} dismissed texts on this page.`}
      <button type="button" onClick={props.onRestore}>
        Undo {props.count === 1 ? 'the dismissal' : 'these dismissals'}
      </button>
    </p>
  );
}
