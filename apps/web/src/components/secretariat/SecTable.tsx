import type { ReactNode } from 'react';

/**
 * A register's table: a focusable, named region that scrolls sideways on a wide table (and stacks into
 * cards at 360 px, see secretariat.css), its caption the same name, one header per column.
 */
export function SecTable({
  label,
  columns,
  children,
}: {
  label: string;
  columns: string[];
  children: ReactNode;
}) {
  return (
    <div className="sec-scroll" tabIndex={0} role="region" aria-label={label}>
      <table className="sec-table sec-stack">
        <caption>{label}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th scope="col" key={column}>
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
