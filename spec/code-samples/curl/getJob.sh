# The full job, with its messages.
curl -s 'http://localhost/webapi/v3/jobs/68e47420c97fddfcc003b101' \
  -H 'accept: application/json' \
  -H "Authorization: Bearer $TOKEN"

# The cheap way to poll a running job: leave the messages out.
curl -s -G 'http://localhost/webapi/v3/jobs/68e47420c97fddfcc003b101' \
  -H 'accept: application/json' \
  -H "Authorization: Bearer $TOKEN" \
  -d includeMessages=false
