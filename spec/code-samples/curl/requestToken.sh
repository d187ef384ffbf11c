# Trade the API access key and secret (My Profile -> Keys) for a bearer token
# that lives expires_in seconds (about an hour).
TOKEN=$(curl -s -X POST 'http://localhost/webapi/oauth2/token' \
  -H 'accept: application/json' \
  -H 'Content-Type: application/x-www-form-urlencoded' \
  -d grant_type=client_credentials \
  --data-urlencode "client_id=$AYX_KEY" \
  --data-urlencode "client_secret=$AYX_SECRET" | jq -r .access_token)

# Or send the key and secret with HTTP Basic:
#   curl -s -u "$AYX_KEY:$AYX_SECRET" -d grant_type=client_credentials ...
