def test_team_members_get_back_office_rights_on_som_apps_only(team_member, teacher):
    assert team_member.has_perm("network.change_organisation")
    assert not team_member.has_perm("auth.change_permission")
    assert not teacher.has_perm("network.change_organisation")
