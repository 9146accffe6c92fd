import { TargetBoard } from './target-board';
import { TrendsPanel } from './trends-panel';

/**
 * The CSO teams' desk: find targets worth answering, share them, record the response and what it
 * achieved, and see where narratives against a group are rising. Nothing here feeds removal
 * decisions.
 */
export function CsoDesk() {
  return (
    <div className="cso-desk">
      <p className="lede">
        For civil-society teams: find targets worth answering, share them, record the response and
        what it achieved, and see where narratives against a group are rising. Nothing here feeds
        removal decisions.
      </p>
      <TrendsPanel />
      <TargetBoard />
    </div>
  );
}
