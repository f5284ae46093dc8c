#!/usr/bin/env bash
# The README's walk-through, runnable: `bash scripts/walkthrough.sh` with `npm start` running in
# another terminal (HERALD_URL or PORT if it is not on 3000). Needs curl and jq. Stops at the first
# call that does not answer as expected, saying which and why. It can run again on the same Herald:
# each run files its own incident and leaves no subscriber behind (a number may sign up 5 times an
# hour, so a sixth run within the hour stops at step 6 with a 429).
set -euo pipefail

H=${HERALD_URL:-http://127.0.0.1:${PORT:-3000}}
for tool in curl jq; do
  command -v "$tool" >/dev/null || { echo "walkthrough: needs $tool (apt-get install $tool, brew install $tool)" >&2; exit 1; }
done
fail() { echo "walkthrough: $*" >&2; exit 1; }
step() { printf '\n== %s\n' "$*"; }

# api METHOD PATH [BODY]: calls Herald as $AS (a token; none for public routes), prints the JSON
# answer, and stops unless the status is $EXPECT (default any 2xx).
api() {
  local method=$1 path=$2 body=${3:-} out status
  out=$(mktemp)
  status=$(curl -s -o "$out" -w '%{http_code}' -X "$method" "$H$path" \
    ${AS:+-H "authorization: Bearer $AS"} \
    ${body:+-H 'content-type: application/json' --data-binary "$body"}) ||
    fail "$method $path: nothing answers at $H; is npm start running (PORT, HERALD_URL)?"
  [[ $status =~ ^(${EXPECT:-2[0-9][0-9]})$ ]] ||
    fail "$method $path answered $status (expected ${EXPECT:-2xx}): $(jq -c '.message // .' "$out" 2>/dev/null || cat "$out")"
  cat "$out"
  rm -f "$out"
}
as() { local token=$1; shift; AS=$token api "$@"; }

# A demo user's bearer token (a JWT, valid 12 hours); stops on a user GET /dev/users does not list.
token() { AS='' api POST /dev/token "{\"user\":\"$1\"}" | jq -er .token; }

# wait_for WHAT TOKEN PATH JQ-CONDITION: polls (up to 15 s) until the answer meets the condition.
wait_for() {
  local what=$1 who=$2 path=$3 condition=$4 i
  for i in $(seq 75); do
    as "$who" GET "$path" | jq -e "$condition" >/dev/null && return 0
    sleep 0.2
  done
  fail "$what did not happen within 15 s"
}

ADA=$(token inspector.ada)
BEN=$(token inspector.ben)
CHLOE=$(token comms.chloe)

step 'The demo users and their roles; the categories and the facts each needs'
api GET /dev/users | jq -c '.[]'
as "$ADA" GET /registry | jq -c '.categories[] | {id, facts: [.facts[] | .name + if .required then "" else "?" end]}'

step '1. Inspector Ada files a weapons call for 14 and 51 Division, in English and French'
FILED=$(as "$ADA" POST /incidents '{
  "category": "weapons-call", "status": "Actual",
  "severity": "Severe", "urgency": "Immediate", "certainty": "Observed",
  "areas": ["14", "51"], "languages": ["en", "fr"],
  "facts": { "location": "Queen St W and Bathurst St", "time": "21:40",
             "description": { "en": "Suspect fled on foot northbound.", "fr": "Le suspect a fui à pied vers le nord." } },
  "expiresAt": "'"$(jq -nr 'now + 6 * 3600 | strftime("%Y-%m-%dT%H:%M:%SZ")')"'" }')
echo "$FILED" | jq -c '.broadcast | {id, status}, .audience, {frenchSms: .preview.languages.fr.sms}'
INCIDENT=$(echo "$FILED" | jq -r .incident.id)
BC=$(echo "$FILED" | jq -r .broadcast.id)
HASH=$(echo "$FILED" | jq -r .broadcast.contentHash)

step '2. Ada cannot approve her own broadcast (403); Ben approves the hash he reviewed'
EXPECT=403 as "$ADA" POST "/broadcasts/$BC/approve" "{\"contentHash\":\"$HASH\"}" | jq -c .
as "$BEN" POST "/broadcasts/$BC/approve" "{\"contentHash\":\"$HASH\"}" | jq .broadcast.status

step '3. Every delivery once dispatch has settled (a few hundred ms), and what the fake X and SNS received'
wait_for 'the dispatch' "$ADA" "/broadcasts/$BC" '.broadcast.delivery.status != "DISPATCHING"'
as "$ADA" GET "/broadcasts/$BC/deliveries" | jq -c '.[] | {channel, target, status, attempts}'
as "$ADA" GET "/broadcasts/$BC" | jq -c '.broadcast | {status, delivery}'
# Each account posts one thread with every language in it: its French post replies to its English
# one (div-14's thread shown). SNS gets one publish per area and language.
api GET /dev/inbox | jq -c --arg bc "$BC" '[.posts[] | select(.text | contains($bc))] as $posts
  | {posts: ($posts | length), topics: [.publishes[] | select(.attributes.broadcastId == $bc) | .topic]},
    ($posts[] | select(.account == "div-14") | {account, id, inReplyTo, text: .text[0:50]})'

step '3b. The public page every post and SMS links to (rendered a moment after approval), its CAP document and the feed'
for i in $(seq 75); do curl -sf "$H/b/$BC" >/dev/null && break; sleep 0.2; done
curl -sf "$H/b/$BC" | grep -o '<title>[^<]*</title>' || fail "the public page $H/b/$BC did not appear within 15 s"
curl -sf "$H/cap/$BC.xml" | grep -o '<msgType>[^<]*</msgType>\|<language>[^<]*</language>'
curl -sf "$H/feeds/alerts.en.atom" | grep -c '<entry' || true
echo "open $H/b/$BC (French: $H/fr/b/$BC; all alerts: $H/)"

step '4. Comms officer Chloe rewords the French alert template and publishes it; the preview uses it'
T=$(as "$CHLOE" GET /templates/weapons-call.fr.alert | jq .template)
SAVED=$(as "$CHLOE" PUT /templates/weapons-call.fr.alert "$(echo "$T" | jq '{revision, content: (.published
  | del(.id, .version, .category, .language, .kind, .publishedAt, .publishedBy, .publishedByName, .rolledBackFrom)
  | .x = "Arme à feu signalée, {{location}} ({{areas}}), {{time}}. Évitez le secteur.")}')")
REVISION=$(echo "$SAVED" | jq .template.revision)
echo "draft saved as revision $REVISION"
as "$CHLOE" POST /templates/weapons-call.fr.alert/publish "{\"revision\":$REVISION}" |
  jq '.template.published | {version, x}'
as "$CHLOE" POST /templates/weapons-call.fr.alert/preview '{"areas":["14"]}' | jq '.content.languages.fr.x[0]'
# Any template's preview: lengths per channel, attached resources (stale ones flagged), warnings.
as "$CHLOE" POST /templates/collision.en.alert/preview '{"areas":["14"]}' |
  jq -c '{sms: .meters.en.sms, x: .meters.en.x, resources: [.resources[] | {id, stale}], warnings}'

step '5. An update, approved by someone else, replies to the original post in every account'
UPDATE=$(as "$ADA" POST "/incidents/$INCIDENT/follow-ups" '{"kind":"update","facts":{"location":"King St W and Bathurst St"}}')
UPD=$(echo "$UPDATE" | jq -r .broadcast.id)
as "$BEN" POST "/broadcasts/$UPD/approve" "{\"contentHash\":$(echo "$UPDATE" | jq .broadcast.contentHash)}" |
  jq .broadcast.status
wait_for 'the update' "$ADA" "/broadcasts/$UPD" '.broadcast.delivery.status != "DISPATCHING"'
api GET /dev/inbox | jq -e --arg bc "$BC" --arg upd "$UPD" '
  ([.posts[] | select((.text | contains($bc)) and .inReplyTo == null) | {(.account): .id}] | add) as $original
  | [.posts[] | select(.text | contains($upd))] as $update
  | [$update[] | select(.inReplyTo as $to | $update | all(.id != $to))
     | {account, repliesToOriginal: (.inReplyTo == $original[.account]), text: .text[0:60]}]
  | ., (all(.repliesToOriginal) or error("an update post did not reply to the original post"))' |
  jq -c 'select(type == "array") | .[]'

step '6. Someone signs up for French SMS alerts for 14 Division, confirms the code, changes areas, and leaves'
SUB=$(api POST /subscriptions '{"channel":"sms","address":"416 555 0199","areas":["14"],"language":"fr"}' |
  jq -r .subscription.id)
# Locally the code lands in the inbox, as the text the phone would receive.
CODE=$(api GET /dev/inbox |
  jq -er '[.texts[] | select(.to == "+14165550199")] | last | .message | capture("(?<c>[0-9]{6})").c')
TOKEN=$(api POST "/subscriptions/$SUB/confirm" "{\"code\":\"$CODE\"}" | jq -r .manageToken)
# The topic subscriptions are made by a queue worker, a moment after the answer.
SMS_FR='[.audience[] | select(.language == "fr" and .channel == "sms" and (.exercise | not))]'
wait_for 'the subscription to area-14-fr' "$CHLOE" /audience "$SMS_FR | any(.area == \"14\" and .subscribers > 0)"
api PUT "/subscriptions/manage/$TOKEN" '{"areas":["14","51"]}' | jq -c .subscription
wait_for 'the subscription to area-51-fr' "$CHLOE" /audience "$SMS_FR | any(.area == \"51\" and .subscribers > 0)"
as "$CHLOE" GET /audience | jq -c '{topicSubscriptions, sms_fr: '"$SMS_FR"'}'   # staff see counts only
api DELETE "/subscriptions/manage/$TOKEN" | jq .subscription.status
wait_for 'the unsubscription' "$CHLOE" /audience "$SMS_FR | all(.area != \"14\" and .area != \"51\" or .subscribers == 0)"
as "$CHLOE" GET /audience | jq -c .topicSubscriptions
echo
echo 'walkthrough: every step answered as expected'
