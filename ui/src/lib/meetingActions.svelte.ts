import { asUiError, copyInvitation, exportIcs, startMeeting, type UiError } from "./api";
import { t } from "./i18n";
import { toast } from "./toast";

/**
 * The actions the meeting detail pages (meeting, invitation, reminder) share,
 * so that they behave and report alike.
 */
export class MeetingActions {
  /** The action under way (`""`: none); one at a time. */
  busy = $state("");
  /** Where the last .ics export went. */
  savedTo = $state<string | null>(null);
  starting = $state(false);
  /** Shown on the page, not as a toast: the user may need to act on it (e.g. open Zoom). */
  startError = $state<UiError | null>(null);

  constructor(private readonly id: string) {}

  /** Runs `action` as `which`; a failure is a toast. */
  async run(which: string, action: () => Promise<void>) {
    this.busy = which;
    try {
      await action();
    } catch (e) {
      toast(asUiError(e).message, "error");
    } finally {
      this.busy = "";
    }
  }

  copy = () =>
    this.run("copy", async () => {
      await copyInvitation(this.id);
      toast(t("invitation.copied"));
    });

  addToCalendar = () =>
    this.run("ics", async () => {
      const path = await exportIcs(this.id);
      this.savedTo = path;
      toast(t("invitation.savedTo", { path }));
    });

  start = async () => {
    this.starting = true;
    this.startError = null;
    try {
      await startMeeting(this.id);
      toast(t("meeting.started"));
    } catch (e) {
      this.startError = asUiError(e);
    } finally {
      this.starting = false;
    }
  };
}
