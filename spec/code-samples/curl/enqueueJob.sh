# Queue a run of an analytic app at High priority, with answers to its questions.
curl -s -X POST \
  'http://localhost/webapi/v3/workflows/68c7c7802a719467662d3001/jobs' \
  -H 'accept: application/json' \
  -H "Authorization: Bearer $TOKEN" \
  -H 'Content-Type: application/json' \
  -d '{
    "priority": "High",
    "questions": [{ "name": "Region", "value": "EU" }]
  }'
