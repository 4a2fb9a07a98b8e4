from feedback_mailer.cli import main

main()
