import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import Welcome from "./components/Welcome.svelte";
import type { SessionState } from "./bindings/SessionState";
import { setSession } from "./status";

const signedOut: SessionState = {
  signedIn: false,
  clientIdConfigured: true,
  managed: true,
  simulator: false,
  apiBase: "https://api.zoom.us/v2",
  vault: "the system keychain (not answering)",
  notices: [],
  language: "en",
};

afterEach(() => clearMocks());

describe("a keychain that does not answer", () => {
  it("is explained with its reason, and choosing the private file saves that choice", async () => {
    const calls: { cmd: string; args: unknown }[] = [];
    let chosen = false;
    mockIPC((cmd, args) => {
      calls.push({ cmd, args });
      if (cmd === "save_settings") {
        chosen = true;
        return {};
      }
      if (cmd === "session_state") {
        return chosen
          ? { ...signedOut, vault: "a private file" }
          : { ...signedOut, keychainProblem: "locked collection" };
      }
      return null;
    });
    setSession({ ...signedOut, keychainProblem: "locked collection" });
    render(Welcome);
    const notice = await screen.findByTestId("welcome-keychain");
    expect(notice).toHaveTextContent("The system keychain is not answering");
    expect(notice).toHaveTextContent("locked collection");
    // Signing in now could not be saved anywhere: the choice comes first.
    expect(screen.getByTestId("signin-button")).toHaveAttribute("aria-disabled", "true");
    await fireEvent.click(screen.getByRole("button", { name: "Keep it in a private file" }));
    await waitFor(() => expect(screen.queryByTestId("welcome-keychain")).not.toBeInTheDocument());
    expect(screen.getByTestId("signin-button")).not.toHaveAttribute("aria-disabled", "true");
    const save = calls.find((c) => c.cmd === "save_settings");
    expect(save?.args).toEqual({ update: { tokensInFile: true } });
  });

  it("tries the keychain again without changing where the sign-in goes", async () => {
    const calls: { cmd: string; args: unknown }[] = [];
    mockIPC((cmd, args) => {
      calls.push({ cmd, args });
      if (cmd === "session_state") return { ...signedOut, keychainProblem: "still locked" };
      return cmd === "save_settings" ? {} : null;
    });
    setSession({ ...signedOut, keychainProblem: "locked collection" });
    render(Welcome);
    await fireEvent.click(await screen.findByRole("button", { name: "Try again" }));
    await waitFor(() =>
      expect(screen.getByTestId("welcome-keychain")).toHaveTextContent("still locked"),
    );
    expect(calls.find((c) => c.cmd === "save_settings")?.args).toEqual({ update: {} });
  });
});
