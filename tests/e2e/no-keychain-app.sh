#!/bin/sh
# The app as on a desktop whose keychain does not answer: no ZOOMDESK_VAULT override (the
# e2e session has no unlocked Secret Service) and a data folder of its own, so no sign-in file
# from the other tests is there.
unset ZOOMDESK_VAULT
export ZOOMDESK_DATA_DIR="$HOME/no-keychain"
exec "$ZOOMDESK_APP" "$@"
