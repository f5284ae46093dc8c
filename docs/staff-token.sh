# shellcheck shell=bash
# staff_token: a Herald staff member's Cognito id token, for the API's `Authorization: Bearer`.
#
#   source docs/staff-token.sh
#   export HERALD_STAFF_CLIENT_ID=<the StaffClientId output of HeraldStateful>   # and AWS_REGION
#   TOKEN=$(staff_token ada.okafor)      # a user name, or the e-mail address if the pool allows it
#
# Signs in with USER_PASSWORD_AUTH on the staff client (no client secret) and answers every
# challenge Cognito asks on the way, so it works the first time a user signs in:
#   NEW_PASSWORD_REQUIRED  the temporary password from admin-create-user: asks for a new one
#                          (twice) and sends it with the challenge's session;
#   SOFTWARE_TOKEN_MFA     a user who enrolled an authenticator app: asks for the 6-digit code.
# Prompts go to the terminal (/dev/tty), so `$(staff_token ...)` captures only the token. For a
# script, STAFF_PASSWORD, STAFF_NEW_PASSWORD and STAFF_MFA_CODE answer instead of the prompts.
# Passwords go to the aws CLI in a private temporary file (--cli-input-json), never on its command
# line, where `ps` and shell history would show them. The token is valid for an hour (the pool's id
# token validity); ask again after that. Needs the aws CLI (v1 or v2) and bash; not jq.

staff_token() {
  local user=${1:?usage: staff_token USER_NAME} client=${HERALD_STAFF_CLIENT_ID:?set HERALD_STAFF_CLIENT_ID to the StaffClientId output}
  local password answer challenge session token srp_user step new again code

  password=${STAFF_PASSWORD:-}
  [[ -n $password ]] || password=$(_staff_token_ask "Password for $user: ") || return 1
  answer=$(_staff_token_aws initiate-auth "{\"ClientId\":\"$(_staff_token_json "$client")\",\"AuthFlow\":\"USER_PASSWORD_AUTH\",\"AuthParameters\":{\"USERNAME\":\"$(_staff_token_json "$user")\",\"PASSWORD\":\"$(_staff_token_json "$password")\"}}") || return 1

  # At most a new password, then a code: anything more is a challenge this helper does not know.
  for step in 1 2 3; do
    IFS=$'\t' read -r challenge session token srp_user <<<"$answer"
    if [[ $token != None && -n $token ]]; then
      printf '%s\n' "$token"
      return 0
    fi
    # The user's own name in the pool: it differs from what was typed when signing in by e-mail.
    [[ $srp_user != None && -n $srp_user ]] || srp_user=$user
    case $challenge in
      NEW_PASSWORD_REQUIRED)
        new=${STAFF_NEW_PASSWORD:-}
        if [[ -z $new ]]; then
          new=$(_staff_token_ask "First sign-in: choose a new password for $user: ") || return 1
          again=$(_staff_token_ask 'The new password again: ') || return 1
          [[ $new == "$again" ]] || { echo 'staff_token: the two new passwords differ' >&2; return 1; }
        fi
        answer=$(_staff_token_aws respond-to-auth-challenge "{\"ClientId\":\"$(_staff_token_json "$client")\",\"ChallengeName\":\"NEW_PASSWORD_REQUIRED\",\"Session\":\"$session\",\"ChallengeResponses\":{\"USERNAME\":\"$(_staff_token_json "$srp_user")\",\"NEW_PASSWORD\":\"$(_staff_token_json "$new")\"}}") || return 1
        ;;
      SOFTWARE_TOKEN_MFA)
        code=${STAFF_MFA_CODE:-}
        [[ -n $code ]] || code=$(_staff_token_ask 'Code from your authenticator app: ' visible) || return 1
        answer=$(_staff_token_aws respond-to-auth-challenge "{\"ClientId\":\"$(_staff_token_json "$client")\",\"ChallengeName\":\"SOFTWARE_TOKEN_MFA\",\"Session\":\"$session\",\"ChallengeResponses\":{\"USERNAME\":\"$(_staff_token_json "$srp_user")\",\"SOFTWARE_TOKEN_MFA_CODE\":\"$(_staff_token_json "$code")\"}}") || return 1
        ;;
      *)
        echo "staff_token: Cognito asks for $challenge, which this helper does not answer; sign in on the console's hosted page once" >&2
        return 1
        ;;
    esac
  done
  echo 'staff_token: still no token after three answers; giving up' >&2
  return 1
}

# One cognito-idp call; prints "challenge<TAB>session<TAB>id token<TAB>user". Its JSON input is in a
# file only the user can read (mktemp makes it 0600), removed as soon as the call returns: aws CLI v1
# cannot read --cli-input-json from a pipe.
_staff_token_aws() {
  local input status
  input=$(mktemp "${TMPDIR:-/tmp}/staff-token.XXXXXX") || return 1
  printf '%s' "$2" >"$input"
  aws cognito-idp "$1" --cli-input-json "file://$input" --output text \
    --query '[ChallengeName, Session, AuthenticationResult.IdToken, ChallengeParameters.USER_ID_FOR_SRP]'
  status=$?
  rm -f "$input"
  return "$status"
}

# A prompt on the terminal, the answer on stdout; hidden unless the second argument is given.
_staff_token_ask() {
  local reply
  if [[ -n ${2:-} ]]; then read -r -p "$1" reply </dev/tty >/dev/tty 2>&1 || return 1
  else read -r -s -p "$1" reply </dev/tty >/dev/tty 2>&1 || return 1; echo >/dev/tty; fi
  printf '%s' "$reply"
}

# A value escaped for a JSON string: backslashes and double quotes (passwords may hold either).
_staff_token_json() {
  local value=${1//\\/\\\\}
  printf '%s' "${value//\"/\\\"}"
}
