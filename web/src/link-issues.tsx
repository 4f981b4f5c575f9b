import { t } from "./i18n.js";
import type { LinkIssue } from "./url-state.js";

/** The link's refused values, each with what the page shows instead. */
export function LinkIssues({ issues }: { issues: readonly LinkIssue[] }) {
  if (issues.length === 0) return null;
  return (
    <div className="error" role="alert" data-testid="link-issues">
      {issues.map((i) => (
        <p key={`${i.param}=${i.value}`}>
          {t("This link's {param}={value} is not valid ({why}); showing {fallback} instead.", {
            param: i.param,
            value: i.value,
            why: t(i.why, i.whyVars),
            fallback: i.fallback,
          })}
        </p>
      ))}
    </div>
  );
}
