/** A captioned table of labelled counts (class `breakdown`), "none" when there are no rows. */
export function CountTable({
  id,
  caption,
  rows,
}: {
  id?: string;
  caption: string;
  rows: [string, number][];
}) {
  return (
    <table id={id} className="breakdown">
      <caption>{caption}</caption>
      <tbody>
        {rows.length === 0 && (
          <tr>
            <td colSpan={2}>none</td>
          </tr>
        )}
        {rows.map(([term, value]) => (
          <tr key={term}>
            <th scope="row">{term}</th>
            <td>{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
