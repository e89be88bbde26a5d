import { NavLink } from 'react-router'
import './section-nav.css'

/** One section of an area: its address, its name, and whether only the exact address selects it. */
export type Section = { href: string; label: string; isExact?: boolean }

/**
 * The sections of an area (a console with several pages), as a row of links; the current one is
 * marked `aria-current="page"` and drawn as selected. On a phone the links wrap onto two lines.
 */
export function SectionNav({ label, sections }: { label: string; sections: readonly Section[] }) {
  return (
    <nav aria-label={label} className="section-nav">
      <ul>
        {sections.map((section) => (
          <li key={section.href}>
            <NavLink to={section.href} end={section.isExact} className="section-nav__link">
              {section.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  )
}
