/**
 * Puts keyboard focus on a step's heading (`<step>-heading`), so a screen reader announces where the
 * user is and the next Tab reaches the step's first control (its main action sits beside the heading).
 * Waits a frame for the step to render; does nothing when the heading is not on the page.
 */
export function focusStepHeading(step: string): void {
  requestAnimationFrame(() => {
    const heading = document.getElementById(`${step}-heading`);
    if (!heading) return;
    // Headings are not focusable by Tab; -1 lets a script focus them without adding a tab stop.
    if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
    heading.focus();
  });
}
