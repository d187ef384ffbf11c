# What the workflow's tools reported (an array, or a single object on some servers).
curl -s 'http://localhost/webapi/v3/jobs/68e47420c97fddfcc003b101/messages' \
  -H 'accept: application/json' \
  -H "Authorization: Bearer $TOKEN"
