import { Link as DsLink } from "@digdir/designsystemet-react";
import { Link } from "react-router";

/**
 * Previous / "page N of M" / next, as a navigation landmark. Renders nothing for one page. The
 * texts come from the page's own catalog section, so each list words its position its own way.
 */
export function Pager(props: {
  /** The landmark's name, e.g. "Sider i tilgangsloggen". */
  label: string;
  page: number;
  pages: number;
  href: (page: number) => string;
  previousText: string;
  nextText: string;
  positionText: string;
}) {
  if (props.pages <= 1) return null;
  return (
    <nav aria-label={props.label} className="pager">
      <ul className="pager__list">
        {props.page > 1 ? (
          <li>
            <DsLink asChild>
              <Link to={props.href(props.page - 1)} rel="prev">
                {props.previousText}
              </Link>
            </DsLink>
          </li>
        ) : null}
        <li className="pager__position">{props.positionText}</li>
        {props.page < props.pages ? (
          <li>
            <DsLink asChild>
              <Link to={props.href(props.page + 1)} rel="next">
                {props.nextText}
              </Link>
            </DsLink>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
