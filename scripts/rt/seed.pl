# Request Tracker "initialdata" for Instant Desk's local desk: five departments with the
# custom fields their request forms need, two employees with tokens, and the rights an
# employee needs (see ../shared/notes/request-tracker.md). Loaded by scripts/desk.mjs.
use strict;
use warnings;

our (@Queues, @CustomFields, @Users, @ACL, @Final);

my %queues = (
    IT         => 'Laptops, accounts, passwords, software and network access.',
    HR         => 'Payroll, leave, benefits, contracts and policies.',
    Facilities => 'Building repairs, desks, rooms, access badges and cleaning.',
    Legal      => 'Contracts, NDAs, compliance questions and reviews.',
    Training   => 'Courses, onboarding sessions and learning budgets.',
);
# Legal runs its own lifecycle (RT_SiteConfig.pm.in): "in review", then "signed" or "withdrawn".
my %lifecycle = (Legal => 'agreements');
@Queues = map { { Name => $_, Description => $queues{$_}, CorrespondAddress => lc($_) . '@desk.example', CommentAddress => '',
    Lifecycle => $lifecycle{$_} // 'default' } } sort keys %queues;

sub values_of { my $i = 0; return [ map { { Name => $_, SortOrder => ++$i } } @_ ] }

@CustomFields = (
    { Queue => 'IT', Name => 'Category', Type => 'Select', MaxValues => 1, RenderType => 'Dropdown',
      Description => 'What the request is about',
      Values => values_of('Hardware', 'Software', 'Account and access', 'Network') },
    { Queue => 'IT', Name => 'Asset tag', Type => 'Freeform', MaxValues => 1,
      Description => 'The sticker on the device, if any', EntryHint => 'e.g. IT-01234',
      Pattern => '(?#Asset tag such as IT-01234)^(IT-\d{5})?$' },
    { Queue => 'Facilities', Name => 'Building', Type => 'Select', MaxValues => 1, RenderType => 'Dropdown',
      Description => 'Where it is',
      Values => values_of('HQ North', 'HQ South', 'Warehouse', 'Lab') },
    { Queue => 'Facilities', Name => 'Room', Type => 'Freeform', MaxValues => 1,
      Description => 'Room number or name', EntryHint => 'e.g. 2.14',
      Pattern => '(?#Mandatory).' },
    { Queue => 'Legal', Name => 'Agreement type', Type => 'Select', MaxValues => 1, RenderType => 'Dropdown',
      Description => 'Kind of document',
      Values => values_of('NDA', 'Supplier contract', 'Customer contract', 'Licence', 'Other') },
    { Queue => 'Legal', Name => 'Counterparty', Type => 'Freeform', MaxValues => 1,
      Description => 'The other party', Pattern => '(?#Mandatory).' },
    { Queue => 'Legal', Name => 'Needed by', Type => 'Date', MaxValues => 1,
      Description => 'When you need it signed' },
    { Queue => 'HR', Name => 'Topic', Type => 'Select', MaxValues => 1, RenderType => 'Dropdown',
      Description => 'What it is about',
      Values => values_of('Payroll', 'Leave', 'Benefits', 'Contract', 'Other') },
    { Queue => 'Training', Name => 'Course', Type => 'Freeform', MaxValues => 1,
      Description => 'Course name or code', EntryHint => 'e.g. Security basics' },
    { Queue => 'Training', Name => 'Details', Type => 'Text', MaxValues => 1,
      Description => 'Anything the trainer should know' },
    # Added last, so the fields above keep their ids. A desk field that asks for the page:
    # Instant Desk fills it with the page's redacted address.
    { Queue => 'Facilities', Name => 'Page URL', Type => 'Freeform', MaxValues => 1,
      Description => 'The address of the page this is about, if any' },
);

@Users = (
    { Name => 'alice', EmailAddress => 'alice@example.com', RealName => 'Alice Employee',
      Password => 'alice-password', Privileged => 0 },
    { Name => 'bob', EmailAddress => 'bob@example.com', RealName => 'Bob Colleague',
      Password => 'bob-password', Privileged => 0 },
    # Employees west and east of UTC: RT reads a zone-less TicketSQL time in the user's zone.
    { Name => 'dora', EmailAddress => 'dora@example.com', RealName => 'Dora in New York',
      Password => 'dora-password', Privileged => 0, Timezone => 'America/New_York' },
    { Name => 'kiri', EmailAddress => 'kiri@example.com', RealName => 'Kiri in Auckland',
      Password => 'kiri-password', Privileged => 0, Timezone => 'Pacific/Auckland' },
);

for my $queue (sort keys %queues) {
    push @ACL, map { { GroupDomain => 'SystemInternal', GroupType => 'Everyone', Queue => $queue, Right => $_ } }
        qw(SeeQueue CreateTicket ReplyToTicket);
    push @ACL, map { { GroupDomain => 'RT::Queue-Role', GroupType => 'Requestor', Queue => $queue, Right => $_ } }
        qw(ShowTicket ReplyToTicket);
}
for my $cf (@CustomFields) {
    push @ACL, map { { GroupDomain => 'SystemInternal', GroupType => 'Everyone', CF => $cf->{Name}, Right => $_ } }
        qw(SeeCustomField SetInitialCustomField);
}

# "How did we do?" (policy rating.rtField and rating.rtCommentField): global ticket fields, last
# so the fields above keep their ids. Only the Requestor role may see and set them, on their own
# tickets; Everyone gets nothing, so no request form lists them.
my @rating = (
    { Queue => 0, Name => 'Satisfaction', Type => 'Select', MaxValues => 1, RenderType => 'Dropdown',
      Description => 'The requestor rated the request from 1 (poor) to 5 (excellent)', Values => values_of(1 .. 5) },
    { Queue => 0, Name => 'Satisfaction comment', Type => 'Freeform', MaxValues => 1,
      Description => 'What the requestor added to the rating' },
);
push @CustomFields, @rating;
for my $cf (@rating) {
    push @ACL, map { { GroupDomain => 'RT::System-Role', GroupType => 'Requestor', CF => $cf->{Name}, Right => $_ } }
        qw(SeeCustomField ModifyCustomField);
}

# Tokens are stored hashed: the clear ones are written once, here, for the harness.
@Final = (sub {
    my $out = $ENV{INSTANT_DESK_TOKENS} or die "INSTANT_DESK_TOKENS is not set";
    my %tokens;
    for my $name (qw(alice bob dora kiri)) {
        my $user = RT::User->new(RT->SystemUser);
        $user->Load($name);
        my $token = RT::AuthToken->new(RT->SystemUser);
        my ($id, $msg, $auth) = $token->Create(Owner => $user->id, Description => 'Instant Desk');
        die "token for $name: $msg" unless $id;
        $tokens{$name} = $auth;
    }
    my $root = RT::User->new(RT->SystemUser);
    $root->Load('root');
    my ($ok, $msg) = $root->SetPassword('password');
    die "root password: $msg" unless $ok;
    open my $fh, '>', $out or die "$out: $!";
    print $fh JSON::to_json(\%tokens);
    close $fh;
});

1;
