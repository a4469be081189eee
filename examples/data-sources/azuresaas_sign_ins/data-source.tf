# Failed sign-ins of the last 7 days to one application, newest first.
data "azuresaas_sign_ins" "failures" {
  since  = "168h"
  app_id = "00000000-0000-0000-0000-000000000000" # the application (client) ID
}

# One user's sign-ins in a fixed range; since and until are inclusive.
data "azuresaas_sign_ins" "one_user" {
  since       = "2025-01-01T00:00:00Z"
  until       = "2025-01-08T00:00:00Z"
  user_id     = "11111111-1111-1111-1111-111111111111" # the user's object ID
  max_results = 100                                    # the newest 100; a warning says how many were left out
}

output "failed_sign_ins" {
  value = [for s in data.azuresaas_sign_ins.failures.sign_ins : {
    when   = s.created_date_time
    who    = s.user_principal_name
    reason = s.failure_reason
  } if s.status_code != 0]
}
