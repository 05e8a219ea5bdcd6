#!/bin/sh
# The app on a desktop whose language is Spanish (LANG, as a Spanish Linux session sets it).
export LANG=es_ES.UTF-8
unset LC_ALL LC_MESSAGES LANGUAGE
exec "$ZOOMDESK_APP" "$@"
