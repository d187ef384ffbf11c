# Cancels a running job, or deletes a queued one; the message says which.
curl -s -X DELETE 'http://localhost/webapi/v3/jobs/68e47420c97fddfcc003b101' \
  -H 'accept: application/json' \
  -H "Authorization: Bearer $TOKEN"
