# App registrations in the plan (azuresaas_applications), and the deadline
# of rule 15: credential_expiry_days after the plan was made.
package terraform.plan

applications := items("azuresaas_applications", "applications")

default credential_expiry_days := 30

credential_expiry_days := data.azuresaas.credential_expiry_days

# now is the plan JSON's timestamp: a saved plan is judged as of its own time.
now := time.parse_rfc3339_ns(input.timestamp)

credential_deadline := now + ((credential_expiry_days * 24) * 3600) * 1000000000
